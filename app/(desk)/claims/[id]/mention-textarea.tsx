"use client";

import { useId, useMemo, useRef, useState, type ComponentProps, type KeyboardEvent } from "react";
import { mentionOf } from "@/lib/comments/mentions";
import type { DeskUser } from "@/lib/users/search";
import { inputClass } from "@/app/_components/field";

/** The `@word` being typed just before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[\s(])@([^\s@[\]()]{0,30})$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, query: match[2] } : null;
}

const SHOWN = 8;

/** The users whose name contains the text (names starting with it first), as lib/users/search orders them. */
function matching(users: readonly DeskUser[], query: string): DeskUser[] {
  const needle = query.toLowerCase();
  const hits = users.filter((user) => user.name.toLowerCase().includes(needle));
  const starts = (user: DeskUser) => (user.name.toLowerCase().startsWith(needle) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b) || a.name.localeCompare(b.name)).slice(0, SHOWN);
}

/**
 * A textarea that offers desk users when one types `@` and a few letters (a WAI-ARIA combobox with
 * a listbox popup): arrow keys move through them, Enter or Tab inserts `@[Name](user:ID)`, Escape
 * closes the list. Controlled by react-hook-form through `value`/`onChange` (see the comment forms).
 */
export function MentionTextarea({
  value,
  onChange,
  onBlur,
  name,
  textareaRef,
  users,
  ...props
}: Omit<ComponentProps<"textarea">, "value" | "onChange"> & {
  value: string;
  onChange: (value: string) => void;
  textareaRef?: (element: HTMLTextAreaElement | null) => void;
  /** The desk users one may mention, from the server (a desk has tens of people: filtered here, instantly). */
  users: readonly DeskUser[];
}) {
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const [trigger, setTrigger] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const options = useMemo(() => (trigger ? matching(users, trigger.query) : []), [trigger, users]);

  const open = trigger !== null && options.length > 0;

  function look(element: HTMLTextAreaElement) {
    const found = mentionQuery(element.value, element.selectionStart ?? element.value.length);
    if (found?.start === trigger?.start && found?.query === trigger?.query) return;
    setTrigger(found);
    setActive(0);
  }

  function insert(user: DeskUser) {
    const element = ref.current;
    if (!element || !trigger) return;
    const caret = element.selectionStart ?? value.length;
    const text = `${mentionOf(user)} `;
    const next = value.slice(0, trigger.start) + text + value.slice(caret);
    onChange(next);
    setTrigger(null);
    const position = trigger.start + text.length;
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(position, position);
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (index + step + options.length) % options.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      insert(options[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setTrigger(null);
    }
  }

  return (
    <div className="relative">
      <textarea
        {...props}
        ref={(element) => {
          ref.current = element;
          textareaRef?.(element);
        }}
        name={name}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${options[active].id}` : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          look(event.target);
        }}
        onClick={(event) => look(event.currentTarget)}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          setTrigger(null);
          onBlur?.(event);
        }}
        className={`${inputClass} min-h-24`}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Desk users to mention"
        hidden={!open}
        className="absolute left-0 z-20 mt-1 max-h-56 w-72 overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
      >
        {options.map((user, index) => (
          <li
            key={user.id}
            id={`${listId}-${user.id}`}
            role="option"
            aria-selected={index === active}
            // mousedown, not click: the textarea must keep focus (its blur closes the list).
            onMouseDown={(event) => {
              event.preventDefault();
              insert(user);
            }}
            className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-blue-700 text-white" : "text-slate-900 hover:bg-slate-100"}`}
          >
            {user.name} <span className={index === active ? "text-blue-100" : "text-slate-500"}>· {user.role}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
