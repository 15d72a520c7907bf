"use client";

import { useEffect, useId, useRef, useState, type ComponentProps, type KeyboardEvent } from "react";
import { mentionOf } from "@/lib/comments/mentions";
import type { DeskUser } from "@/lib/users/search";
import { inputClass } from "@/app/_components/field";
import { mentionCandidatesAction } from "./comments-actions";

/** The `@word` being typed just before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[\s(])@([^\s@[\]()]{0,30})$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, query: match[2] } : null;
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
  ...props
}: Omit<ComponentProps<"textarea">, "value" | "onChange"> & { value: string; onChange: (value: string) => void; textareaRef?: (element: HTMLTextAreaElement | null) => void }) {
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const [trigger, setTrigger] = useState<{ start: number; query: string } | null>(null);
  const [options, setOptions] = useState<DeskUser[]>([]);
  const [active, setActive] = useState(0);
  const request = useRef(0);

  useEffect(() => {
    if (!trigger) return;
    const mine = ++request.current;
    const timer = setTimeout(async () => {
      const result = await mentionCandidatesAction(trigger.query);
      if (mine !== request.current) return;
      setOptions(result.ok ? result.value : []);
      setActive(0);
    }, 120);
    return () => clearTimeout(timer);
  }, [trigger]);

  const open = trigger !== null && options.length > 0;

  function look(element: HTMLTextAreaElement) {
    const found = mentionQuery(element.value, element.selectionStart ?? element.value.length);
    setTrigger((previous) => (found?.start === previous?.start && found?.query === previous?.query ? previous : found));
    if (!found) setOptions([]);
  }

  function insert(user: DeskUser) {
    const element = ref.current;
    if (!element || !trigger) return;
    const caret = element.selectionStart ?? value.length;
    const text = `${mentionOf(user)} `;
    const next = value.slice(0, trigger.start) + text + value.slice(caret);
    onChange(next);
    setTrigger(null);
    setOptions([]);
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
      setOptions([]);
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
          setOptions([]);
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
