"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Whether a key press is someone typing (a text field, a select, an editable region) rather than a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** A plain letter key meant as a shortcut: no modifier, not typed into a field, not already handled. */
export function isShortcut(event: KeyboardEvent, key: string): boolean {
  return event.key === key && !event.defaultPrevented && !event.altKey && !event.ctrlKey && !event.metaKey && !event.isComposing && !isTypingTarget(event.target);
}

/** `j` → the next claim of the view, `k` → the previous one; keys typed into fields are left alone. */
export function ViewNavKeys({ previous, next }: { previous: string | null; next: string | null }) {
  const router = useRouter();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const href = isShortcut(event, "j") ? next : isShortcut(event, "k") ? previous : null;
      if (!href) return;
      event.preventDefault();
      router.push(href);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [router, previous, next]);
  return null;
}
