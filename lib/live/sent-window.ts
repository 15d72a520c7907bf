import { decodeIds, encodeIds } from "@/lib/core/id-ranges";

/*
 * Which events a stream has sent, so each is sent once even when ids do not arrive in order. On
 * SQLite they do: one writer, ids committed in the order they were taken. On PostgreSQL an id is
 * taken at INSERT and becomes visible at COMMIT, so an event can commit (and be published, and be
 * read by a replay) after a higher one was sent; a high-water mark would drop it. Like the listener
 * in lib/pg/notify.ts, a stream therefore keeps a bounded window: the highest id sent, and the ids
 * below it, within `span`, that it has not sent yet (the gaps: events still uncommitted, or ids a
 * rolled-back transaction used up). An id above the highest, or one of the gaps, is sent; anything
 * else (sent already, or older than the window: the lower bound) is not.
 *
 * A resuming client only has the SSE `id:` of the last event it took, so that id carries the gaps
 * as well: `42` when there are none (always, on SQLite), `42:37,39-40` when 37, 39 and 40 had not
 * been sent by then. The resumed stream starts with the same window and replays the gaps that have
 * committed since, along with everything after 42.
 */

/** How far below the highest id sent a late-committing event is still waited for (the listener's default rewind). */
export const SENT_WINDOW_SPAN = 1000;
/** At most this many gaps travel in a cursor (the newest ones): it is repeated in every event's `id:`. */
export const CURSOR_GAPS = 200;

/** Where a stream resumes: after `after`, plus the older ids it had not sent yet. */
export interface ResumePoint {
  after: number;
  gaps: readonly number[];
}

export class SentWindow {
  private high: number;
  private readonly gaps = new Set<number>();

  constructor(start: ResumePoint | number, private readonly span = SENT_WINDOW_SPAN) {
    const point = typeof start === "number" ? { after: start, gaps: [] } : start;
    this.high = point.after;
    for (const id of point.gaps) if (id < this.high && id > this.high - span) this.gaps.add(id);
  }

  /** The highest id sent (or resumed after). */
  get highest(): number {
    return this.high;
  }

  /** The ids below the highest still waited for, oldest first. */
  get waiting(): number[] {
    return [...this.gaps].sort((a, b) => a - b);
  }

  /** Whether `id` is to be sent, and if so records it as sent. */
  take(id: number): boolean {
    if (id > this.high) {
      for (let gap = Math.max(this.high + 1, id - this.span + 1); gap < id; gap++) this.gaps.add(gap);
      this.high = id;
      const floor = this.high - this.span;
      if (this.gaps.size > 0) for (const gap of this.gaps) if (gap <= floor) this.gaps.delete(gap);
      return true;
    }
    return this.gaps.delete(id);
  }

  /** The SSE `id:` that resumes from here: the highest id, then the newest gaps if there are any. */
  cursor(): string {
    if (this.gaps.size === 0) return String(this.high);
    return `${this.high}:${encodeIds(this.waiting.slice(-CURSOR_GAPS))[0]}`;
  }
}

/** A cursor (`42` or `42:37,39-40`) as a resume point; null when it is not one. */
export function parseCursor(text: string): ResumePoint | null {
  const match = /^(\d{1,15})(?::([\d,-]{1,4000}))?$/.exec(text.trim());
  if (!match) return null;
  const after = Number(match[1]);
  if (match[2] === undefined) return { after, gaps: [] };
  const listed = decodeIds(match[2], SENT_WINDOW_SPAN);
  if (listed.length === 0) return null;
  return { after, gaps: listed.filter((id) => id < after && id > after - SENT_WINDOW_SPAN) };
}
