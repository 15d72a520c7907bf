"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "@/lib/auth/navigation";

const COUNT_LABEL: Record<string, (n: number) => string> = {
  "/inbox": (n) => `${n} unread`,
};

/** The desk's main navigation; `counts` puts a badge on an item (the inbox's unread count), read on the server. */
export function DeskNav({ items, counts = {} }: { items: NavItem[]; counts?: Record<string, number> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1">
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
    </nav>
  );
}
