"use client";

import Link from "next/link";
import { useRef } from "react";
import { usePathname } from "next/navigation";
import { Bookmark, ChevronDown } from "lucide-react";
import type { NavItem } from "@/lib/auth/navigation";

/** A saved queue view as the navigation lists it (lib/views viewHref). */
export interface SavedViewNavItem {
  id: number;
  name: string;
  href: string;
}

const COUNT_LABEL: Record<string, (n: number) => string> = {
  "/inbox": (n) => `${n} unread`,
};

/**
 * The desk's main navigation; `counts` puts a badge on an item (the inbox's unread count), read on the
 * server; `views` are the person's saved queue views, under a "Views" disclosure after the items.
 */
export function DeskNav({ items, counts = {}, views = [] }: { items: NavItem[]; counts?: Record<string, number>; views?: SavedViewNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
      {items.map((item) => {
        const current = item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
        const count = counts[item.href] ?? 0;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium ${current ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-200"}`}
          >
            {item.label}
            {count > 0 && (
              <span data-testid={`nav-count-${item.href}`} className="rounded-full bg-red-700 px-1.5 py-px text-xs leading-4 font-semibold text-white">
                <span aria-hidden>{count > 99 ? "99+" : count}</span>
                <span className="sr-only">({(COUNT_LABEL[item.href] ?? ((n: number) => `${n} new`))(count)})</span>
              </span>
            )}
          </Link>
        );
      })}
      <SavedViewsMenu views={views} current={pathname === "/views"} />
    </nav>
  );
}

/** A disclosure (details/summary: keyboard and screen readers for free) listing the saved views, then "Manage views". */
function SavedViewsMenu({ views, current }: { views: SavedViewNavItem[]; current: boolean }) {
  const details = useRef<HTMLDetailsElement>(null);
  const close = () => details.current?.removeAttribute("open");
  const itemClass = "block truncate rounded px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-100";
  return (
    <details ref={details} className="relative">
      <summary
        className={`inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium ${current ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-200"}`}
      >
        <Bookmark aria-hidden className="size-4" />
        Views
        <ChevronDown aria-hidden className="size-3.5" />
      </summary>
      <div className="absolute left-0 z-20 mt-1 w-64 rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200">
        {views.length > 0 ? (
          <ul aria-label="Saved views">
            {views.map((view) => (
              <li key={view.id}>
                {/* A full load, not a client navigation: from one queue view to another the queue's filter form
                    (uncontrolled, defaultValue) would keep showing the previous view's values. */}
                <a href={view.href} onClick={close} className={itemClass}>{view.name}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="px-2 py-1.5 text-sm text-slate-600">No saved views yet: filter the queue, then Save view.</p>
        )}
        <Link href="/views" onClick={close} aria-current={current ? "page" : undefined} className={`${itemClass} mt-1 border-t border-slate-200 font-medium`}>
          Manage views
        </Link>
      </div>
    </details>
  );
}
