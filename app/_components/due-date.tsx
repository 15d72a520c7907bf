"use client";

import { useSyncExternalStore } from "react";
import { lateness, type ClaimDeadline } from "@/lib/deadlines/status";

/*
 * Due dates and deadlines as a person reads them: in their own time zone and language (the browser's),
 * with the UTC instant kept in `dateTime` and the tooltip. The server renders UTC; the browser swaps
 * in its local wording once hydrated, so nothing mismatches.
 */

const noSubscription = () => () => {};
/** false while rendering on the server and hydrating, true after: the moment local wording is safe. */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
}

export function formatLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** An instant in the reader's time zone (UTC before hydration), the UTC time in the tooltip. */
export function LocalDateTime({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={iso} title={formatUtc(iso)} className={className}>
      {hydrated ? formatLocal(iso) : formatUtc(iso)}
    </time>
  );
}

/** The value a `datetime-local` input shows for an instant, in the browser's time zone ("" for none). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A `datetime-local` value (the browser's time zone) as an instant with its zone, for the server ("" stays ""). */
export function fromLocalInput(value: string): string {
  if (value.trim() === "") return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** The browser's time zone name, for a form to say whose time it means. */
export function useTimeZoneName(): string | null {
  const hydrated = useHydrated();
  return hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : null;
}

const STATUS_LABEL = { overdue: "Overdue", due_soon: "Due soon" } as const;
const STATUS_STYLE = {
  overdue: "bg-red-50 text-red-800 ring-red-300",
  due_soon: "bg-amber-50 text-amber-900 ring-amber-400",
} as const;

function explain(deadline: ClaimDeadline): string {
  const when = formatUtc(deadline.at);
  return deadline.source === "due" ? `Due ${when}` : `No due date: the desk's target for this state is reached ${when}`;
}

/** "Overdue · 3 h late" / "Due soon · due in 5 h"; nothing for a claim on time or without a deadline. */
export function DeadlineBadge({ deadline }: { deadline: ClaimDeadline | null }) {
  if (!deadline || deadline.status === "on_time") return null;
  return (
    <span
      data-deadline={deadline.status}
      title={explain(deadline)}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${STATUS_STYLE[deadline.status]}`}
    >
      {STATUS_LABEL[deadline.status]}
      <span className="font-normal">· {lateness(deadline.hoursLeft)}</span>
      {deadline.source === "target" && <span className="sr-only"> (the desk&apos;s target for this state; no due date)</span>}
    </span>
  );
}
