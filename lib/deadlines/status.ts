import type { ClaimState } from "@/lib/core/vocabulary";
import { DEADLINE_STATES, type DeadlineSettingsValues, type DeadlineState } from "./schemas";

/*
 * What "overdue" and "due soon" mean, once (the queue's filter, the badges, My work, the dashboard's
 * overdue list and the due-soon notifications all use these or the SQL in ./conditions.ts that mirrors them):
 *
 * - Only claims waiting for the desk's work are judged: draft and reviewed. A verified claim is finished.
 * - A claim's deadline is its due date when it has one; otherwise the time it entered its current state
 *   plus the desk's target for that state (none when the state has no target).
 * - Overdue: the deadline has passed (now ≥ deadline).
 * - Due soon: the deadline is ahead, within the window: `dueSoonHours` before a due date; for a target,
 *   the smaller of `dueSoonHours` and `dueSoonPercent` % of the target (a 4-hour target with 20 % is due
 *   soon in its last 48 minutes, not from the start).
 * - Otherwise on time; "none" when there is no deadline at all.
 */

export type DeadlineStatus = "overdue" | "due_soon" | "on_time" | "none";
export type DeadlineSource = "due" | "target";

export interface ClaimDeadline {
  status: Exclude<DeadlineStatus, "none">;
  /** The deadline, a UTC instant. */
  at: string;
  source: DeadlineSource;
  /** Hours until the deadline (negative: how late). */
  hoursLeft: number;
}

/** What the judgement needs of a claim (a ClaimRowView fits). */
export interface DeadlineFacts {
  state: ClaimState;
  dueAt: string | null;
  /** When it entered its state; falls back to createdAt for rows read without it. */
  enteredStateAt: string | null;
  createdAt?: string;
}

export const HOUR_MS = 3_600_000;

export function isDeadlineState(state: ClaimState): state is DeadlineState {
  return (DEADLINE_STATES as readonly string[]).includes(state);
}

/** The due-soon window before a deadline, in milliseconds. */
export function dueSoonWindowMs(settings: Pick<DeadlineSettingsValues, "dueSoonHours" | "dueSoonPercent">, source: DeadlineSource, targetHours?: number): number {
  const window = settings.dueSoonHours * HOUR_MS;
  if (source === "due" || targetHours == null) return window;
  return Math.min(window, (targetHours * HOUR_MS * settings.dueSoonPercent) / 100);
}

/** The claim's deadline and where it stands at `now`; null when it has none (finished, or no due date and no target). */
export function claimDeadline(claim: DeadlineFacts, settings: DeadlineSettingsValues, now: Date): ClaimDeadline | null {
  if (!isDeadlineState(claim.state)) return null;
  let at: number;
  let window: number;
  let source: DeadlineSource;
  if (claim.dueAt) {
    at = Date.parse(claim.dueAt);
    source = "due";
    window = dueSoonWindowMs(settings, "due");
  } else {
    const target = settings.targets[claim.state];
    const entered = claim.enteredStateAt ?? claim.createdAt;
    if (target == null || !entered) return null;
    at = Date.parse(entered) + target * HOUR_MS;
    source = "target";
    window = dueSoonWindowMs(settings, "target", target);
  }
  if (Number.isNaN(at)) return null;
  const left = at - now.getTime();
  const status = left <= 0 ? "overdue" : left <= window ? "due_soon" : "on_time";
  return { status, at: new Date(at).toISOString(), source, hoursLeft: left / HOUR_MS };
}

export function deadlineStatus(claim: DeadlineFacts, settings: DeadlineSettingsValues, now: Date): DeadlineStatus {
  return claimDeadline(claim, settings, now)?.status ?? "none";
}

/** "3 h late", "2 d late", "due in 5 h": how a badge or list says it. */
export function lateness(hoursLeft: number): string {
  const hours = Math.abs(hoursLeft);
  const amount = hours < 1 ? `${Math.max(1, Math.round(hours * 60))} min` : hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} d`;
  return hoursLeft <= 0 ? `${amount} late` : `due in ${amount}`;
}
