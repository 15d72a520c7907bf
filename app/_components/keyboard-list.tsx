"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  // A focused checkbox (a row's selection) takes no text, so the list's keys still work from it.
  if (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio")) return false;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/** The rows on screen: a list may render the same rows twice (table and phone cards), one of them hidden. */
function visibleRows(container: HTMLElement | null): HTMLElement[] {
  return Array.from(container?.querySelectorAll<HTMLElement>("[data-kb-row]") ?? []).filter((row) => row.getClientRects().length > 0);
}

/**
 * `j` / `k` move a visible selection (and focus) through the rows marked `data-kb-row` inside;
 * `Enter` opens the selected row's `data-kb-link`, `x`
 * toggles its `data-kb-select` checkbox. Keys typed into form controls are left alone.
 */
export function KeyboardList({ children, className }: { children: ReactNode; className?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const active = useRef(-1);
  const router = useRouter();

  useEffect(() => {
    function rows(): HTMLElement[] {
      return visibleRows(container.current);
    }
    function select(index: number) {
      const list = rows();
      if (list.length === 0) return;
      const next = Math.min(Math.max(index, 0), list.length - 1);
      list.forEach((row, i) => row.toggleAttribute("data-active", i === next));
      active.current = next;
      const link = list[next]!.querySelector<HTMLAnchorElement>("[data-kb-link]");
      link?.focus();
      list[next]!.scrollIntoView({ block: "nearest" });
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === "j") {
        event.preventDefault();
        select(active.current + 1);
      } else if (event.key === "k") {
        event.preventDefault();
        select(active.current < 0 ? 0 : active.current - 1);
      } else if (event.key === "x" && active.current >= 0) {
        // Toggles the selected row's checkbox as a click would (without Shift: no range).
        const box = rows()[active.current]?.querySelector<HTMLInputElement>("[data-kb-select]");
        if (box) {
          event.preventDefault();
          box.click();
        }
      } else if (event.key === "Enter" && active.current >= 0) {
        // A focused link opens itself; this covers a selection whose focus moved off the link.
        if (event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement) return;
        const href = rows()[active.current]?.querySelector<HTMLAnchorElement>("[data-kb-link]")?.getAttribute("href");
        if (href) {
          event.preventDefault();
          router.push(href);
        }
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [router]);

  return (
    <div
      ref={container}
      className={className}
      onFocus={(event) => {
        // Keep the selection in step when focus arrives by Tab or click.
        const row = (event.target as HTMLElement).closest<HTMLElement>("[data-kb-row]");
        if (!row) return;
        const list = visibleRows(container.current);
        active.current = list.indexOf(row);
        list.forEach((r) => r.toggleAttribute("data-active", r === row));
      }}
    >
      {children}
    </div>
  );
}
