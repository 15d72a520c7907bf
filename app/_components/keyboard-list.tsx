"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/**
 * `j` / `k` move a visible selection (and focus) through the rows marked `data-kb-row` inside;
 * `Enter` opens the selected row's `data-kb-link`. Keys typed into form controls are left alone.
 */
export function KeyboardList({ children, className }: { children: ReactNode; className?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const active = useRef(-1);
  const router = useRouter();

  useEffect(() => {
    function rows(): HTMLElement[] {
      return Array.from(container.current?.querySelectorAll<HTMLElement>("[data-kb-row]") ?? []);
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
        const list = Array.from(container.current?.querySelectorAll<HTMLElement>("[data-kb-row]") ?? []);
        active.current = list.indexOf(row);
        list.forEach((r) => r.toggleAttribute("data-active", r === row));
      }}
    >
      {children}
    </div>
  );
}
