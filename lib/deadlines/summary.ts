import { inArray, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { countDeadlineMatches, countRows, deadlineRanges, rawRows } from "./conditions";
import type { DeadlineState } from "./schemas";
import { loadDeadlineSettings } from "./settings";
import { claimDeadline, type DeadlineSource } from "./status";

export interface OverdueClaim {
  id: number;
  text: string;
  state: DeadlineState;
  dueAt: string | null;
  /** The deadline it missed: the due date, or when it entered its state plus the target. */
  deadline: string;
  source: DeadlineSource;
  /** How late, in hours (positive). */
  hoursLate: number;
  assigneeId: number | null;
  assigneeName: string | null;
}

export interface OverdueSummary {
  /** Every overdue claim in scope. */
  count: number;
  /** The latest ones, most late first. */
  claims: OverdueClaim[];
}

interface Row {
  id: number;
  text: string;
  state: DeadlineState;
  dueAt: string | null;
  enteredStateAt: string | null;
  createdAt: string;
  assigneeId: number | null;
  assigneeName: string | null;
}

/**
 * The desk's overdue claims (or, with `submitterId`, one reporter's): how many, and the `limit` most
 * late (default 10). Each index range gives its own most-late rows, so however many claims are
 * overdue this reads a few pages, never the table. For the dashboard and GET /api/v1/stats (H9).
 */
export async function overdueSummary(db: DbExecutor, scope: { submitterId?: number }, now: Date, options: { limit?: number } = {}): Promise<OverdueSummary> {
  const limit = options.limit ?? 10;
  const settings = await loadDeadlineSettings(db);
  const narrowed = scope.submitterId != null ? sql`submitter_id = ${scope.submitterId}` : undefined;
  const count =
    narrowed === undefined
      ? await countDeadlineMatches(db, settings, now, "overdue")
      : await countRows(db, sql.join(deadlineRanges(settings, now, "overdue", sql`id`, narrowed), sql` UNION ALL `));
  if (count === 0 || limit <= 0) return { count, claims: [] };

  // Aliases quoted: PostgreSQL folds unquoted ones to lower case.
  const columns = sql`id, text, state, due_at AS "dueAt", entered_state_at AS "enteredStateAt", created_at AS "createdAt", assignee_id AS "assigneeId"`;
  // Within a range the most late come first: the dated by due date, the undated by when they entered the state.
  // (deadlineRanges gives the dated range first, then one per state with a target), so each is read in its index's order and stops at `limit`.
  const rows: Omit<Row, "assigneeName">[] = [];
  for (const [index, range] of deadlineRanges(settings, now, "overdue", columns, narrowed).entries()) {
    rows.push(...(await rawRows<Omit<Row, "assigneeName">>(db, index === 0 ? sql`${range} ORDER BY due_at, id LIMIT ${limit}` : sql`${range} ORDER BY entered_state_at, id LIMIT ${limit}`)));
  }
  const names = await assigneeNames(db, rows.flatMap((row) => (row.assigneeId == null ? [] : [row.assigneeId])));
  const claims = rows
    .flatMap((row): OverdueClaim[] => {
      const deadline = claimDeadline(row, settings, now);
      if (!deadline || deadline.status !== "overdue") return [];
      return [{ id: row.id, text: row.text, state: row.state, dueAt: row.dueAt, deadline: deadline.at, source: deadline.source, hoursLate: -deadline.hoursLeft, assigneeId: row.assigneeId, assigneeName: row.assigneeId == null ? null : (names.get(row.assigneeId) ?? null) }];
    })
    .sort((a, b) => b.hoursLate - a.hoursLate || a.id - b.id)
    .slice(0, limit);
  return { count, claims };
}

async function assigneeNames(db: DbExecutor, ids: readonly number[]): Promise<Map<number, string>> {
  const { users } = tablesOf(db);
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}
