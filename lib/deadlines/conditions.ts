import { sql, type SQL } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { engineOf, tablesOf } from "@/db/tables";
import { DEADLINE_STATES, type DeadlineSettingsValues, type DeadlineState } from "./schemas";
import { dueSoonWindowMs, HOUR_MS } from "./status";

/*
 * The claims past or near their deadline (./status.ts says what that means), as SQL over the claims
 * table: a union of index ranges, never a scan of the table. Dated claims are read from
 * claims_state_due (state, due_at); undated ones per state from claims_undated_entered
 * (state, entered_state_at) WHERE due_at IS NULL, bounded by that state's target.
 */

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The claims overdue (deadline ≤ now) or due soon (now < deadline ≤ now + window) as SELECTs of
 * `columns` over `claims`, one per index range — the dated claims first, then one range per state
 * with a target; `scope` narrows each (e.g. a submitter).
 */
export function deadlineRanges(settings: DeadlineSettingsValues, now: Date, window: "overdue" | "due_soon", columns: SQL = sql`id`, scope?: SQL): SQL[] {
  const at = now.getTime();
  const open = sql.join(DEADLINE_STATES.map((state) => sql`${state}`), sql`, `);
  const ranges: SQL[] = [];
  if (window === "overdue") ranges.push(sql`SELECT ${columns} FROM claims WHERE state IN (${open}) AND due_at <= ${iso(at)}`);
  else ranges.push(sql`SELECT ${columns} FROM claims WHERE state IN (${open}) AND due_at > ${iso(at)} AND due_at <= ${iso(at + dueSoonWindowMs(settings, "due"))}`);
  for (const state of DEADLINE_STATES) {
    const target = settings.targets[state];
    if (target == null) continue;
    // deadline = entered + target, so deadline <= now ⇔ entered <= now - target.
    const enteredBy = at - target * HOUR_MS;
    if (window === "overdue") ranges.push(sql`SELECT ${columns} FROM claims WHERE due_at IS NULL AND state = ${state} AND entered_state_at <= ${iso(enteredBy)}`);
    else {
      const enteredAfter = enteredBy + dueSoonWindowMs(settings, "target", target);
      ranges.push(sql`SELECT ${columns} FROM claims WHERE due_at IS NULL AND state = ${state} AND entered_state_at > ${iso(enteredBy)} AND entered_state_at <= ${iso(enteredAfter)}`);
    }
  }
  return scope ? ranges.map((range) => sql`${range} AND ${scope}`) : ranges;
}

/**
 * The rows of a raw SELECT on either engine: better-sqlite3's all() or node-postgres/PGlite's
 * execute().rows. Write its column aliases quoted (`AS "articleId"`): PostgreSQL folds unquoted ones
 * to lower case; and raw count(*) comes back as a string there.
 */
export async function rawRows<T>(db: DbExecutor, query: SQL): Promise<T[]> {
  if (engineOf(db) === "sqlite") return db.all<T>(query); // sqlite-branch
  const result = (await (db as unknown as { execute(query: SQL): Promise<{ rows: T[] }> }).execute(query)) as { rows: T[] };
  return result.rows;
}

/** One SELECT of every matching claim id (a UNION ALL: the ranges never overlap). */
export function deadlineIds(settings: DeadlineSettingsValues, now: Date, window: "overdue" | "due_soon"): SQL {
  return sql.join(deadlineRanges(settings, now, window), sql` UNION ALL `);
}

/** How many rows a raw SELECT gives (subqueries named: PostgreSQL wants a name; its count is a bigint string). */
export async function countRows(db: DbExecutor, query: SQL): Promise<number> {
  const [row] = await rawRows<{ n: number | string }>(db, sql`SELECT count(*) AS n FROM (${query}) AS counted`);
  return Number(row?.n ?? 0);
}

/** How many claims match, counting no further than `atMost` (enough to choose a plan). */
export async function countDeadlineMatches(db: DbExecutor, settings: DeadlineSettingsValues, now: Date, window: "overdue" | "due_soon", atMost?: number): Promise<number> {
  const ids = deadlineIds(settings, now, window);
  return countRows(db, atMost === undefined ? ids : sql`SELECT id FROM (${ids}) AS matched LIMIT ${atMost}`);
}

/** Past this many matches, walking the page's order and keeping the matches beats sorting every match. */
const COMMON_DEADLINE = 1000;

/**
 * The list filter: `claims.id IN (…)`. Few matches are looked up by id and sorted; many (an old desk
 * where most drafts are past their target) keep the unary plus, so SQLite walks the page's order and
 * stops once the page is full, as the search filter does (lib/workflow/queries.ts).
 */
export async function deadlineCondition(db: DbExecutor, settings: DeadlineSettingsValues, now: Date, window: "overdue" | "due_soon"): Promise<{ condition: SQL; common: boolean }> {
  const { claims } = tablesOf(db);
  const ids = deadlineIds(settings, now, window);
  const common = (await countDeadlineMatches(db, settings, now, window, COMMON_DEADLINE + 1)) > COMMON_DEADLINE;
  return { condition: common ? sql`+${claims.id} IN (${ids})` : sql`${claims.id} IN (${ids})`, common };
}

/** Matching claims per state, read from the deadline indexes alone (the queue's tab counts under the deadline filter). */
export async function deadlineCountsByState(db: DbExecutor, settings: DeadlineSettingsValues, now: Date, window: "overdue" | "due_soon"): Promise<Array<{ state: DeadlineState; count: number }>> {
  const ranges = sql.join(deadlineRanges(settings, now, window, sql`state`), sql` UNION ALL `);
  const rows = await rawRows<{ state: DeadlineState; count: number | string }>(db, sql`SELECT state, count(*) AS count FROM (${ranges}) AS matched GROUP BY state`);
  return rows.map((row) => ({ state: row.state, count: Number(row.count) }));
}
