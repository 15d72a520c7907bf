import { z } from "zod";

/*
 * The period a dashboard or a stats request covers: whole UTC days, `from` and `to` both included.
 * Default: the last 30 days up to today. At most MAX_PERIOD_DAYS, so one request cannot ask the
 * database for years of sign-offs.
 */

export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

export interface Period {
  /** First day, YYYY-MM-DD (UTC). */
  from: string;
  /** Last day, YYYY-MM-DD (UTC), included. */
  to: string;
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date as YYYY-MM-DD.")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "Not a real date.");

export const statsQuerySchema = z
  .object({
    from: isoDay.optional().meta({ description: "First day of the period (YYYY-MM-DD, UTC). Default: 29 days before `to`." }),
    to: isoDay.optional().meta({ description: "Last day of the period, included (YYYY-MM-DD, UTC). Default: today." }),
  })
  .superRefine((value, ctx) => {
    if (!value.from || !value.to) return;
    const days = dayNumber(value.to) - dayNumber(value.from) + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["from"], message: "`from` must be on or before `to`." });
    else if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `A period covers at most ${MAX_PERIOD_DAYS} days.` });
  });

export type StatsQuery = z.output<typeof statsQuerySchema>;

export const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The period a valid query names, defaults filled in; `from` alone runs 30 days or to today, whichever is sooner. */
export function periodOf(query: StatsQuery, now: Date = new Date()): Period {
  const today = now.toISOString().slice(0, 10);
  if (query.from && query.to) return { from: query.from, to: query.to };
  if (query.to) return { from: dayOf(dayNumber(query.to) - DEFAULT_PERIOD_DAYS + 1), to: query.to };
  if (query.from) return { from: query.from, to: dayOf(Math.min(dayNumber(today), dayNumber(query.from) + DEFAULT_PERIOD_DAYS - 1)) };
  return { from: dayOf(dayNumber(today) - DEFAULT_PERIOD_DAYS + 1), to: today };
}

/** The period's bounds as ISO instants: [start, end) — sign-offs store ISO UTC times, so they compare as text. */
export function periodBounds(period: Period): { start: string; end: string } {
  return { start: `${period.from}T00:00:00.000Z`, end: `${dayOf(dayNumber(period.to) + 1)}T00:00:00.000Z` };
}

/** Every day of the period, in order. */
export function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (let n = dayNumber(period.from); n <= dayNumber(period.to); n++) days.push(dayOf(n));
  return days;
}

/** The Monday (UTC) of the ISO week a day falls in. */
export function weekStartOf(day: string): string {
  const n = dayNumber(day);
  // 1970-01-01 was a Thursday: day 0 → weekday 3 counting from Monday = 0.
  const weekday = (n + 3) % 7;
  return dayOf(n - weekday);
}
