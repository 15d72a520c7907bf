import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { inTransactionWithEvents, type RecordedEvent } from "@/lib/events";
import { deadlineRanges, rawRows } from "./conditions";
import type { DeadlineState } from "./schemas";
import { loadDeadlineSettings } from "./settings";
import { claimDeadline } from "./status";

interface Candidate {
  id: number;
  articleId: number | null;
  state: DeadlineState;
  dueAt: string | null;
  enteredStateAt: string | null;
  createdAt: string;
  assigneeId: number;
}

/** At most this many claims are announced per scan; the rest wait for the next one. */
export const SCAN_BATCH = 500;

/**
 * Finds the assigned claims that are due soon at `now` (./status.ts) and records one claim.due_soon
 * event for each deadline not announced before, in one transaction with its deadline_alerts row
 * (primary key claim + deadline), so scanning again, from this process or another, adds nothing; a
 * changed due date (or a new state's target) is a new deadline and is announced again. The
 * notifications handler turns the events into due_soon notifications for the assignee (unless they
 * muted the kind); email and webhooks follow from there. Returns the events recorded.
 */
export async function scanDueSoon(db: Db, now: Date): Promise<readonly RecordedEvent[]> {
  const settings = await loadDeadlineSettings(db);
  // Aliases quoted and the union named: PostgreSQL folds unquoted aliases to lower case and wants a name for a subquery.
  const columns = sql`id, article_id AS "articleId", state, due_at AS "dueAt", entered_state_at AS "enteredStateAt", created_at AS "createdAt", assignee_id AS "assigneeId"`;
  const ranges = deadlineRanges(settings, now, "due_soon", columns, sql`assignee_id IS NOT NULL`);
  const candidates = await rawRows<Candidate>(db, sql`SELECT * FROM (${sql.join(ranges, sql` UNION ALL `)}) AS candidates LIMIT ${SCAN_BATCH}`);
  if (candidates.length === 0) return [];
  const at = now.toISOString();
  const result = await inTransactionWithEvents(db, async (tx, record) => {
    const { deadlineAlerts } = tablesOf(tx);
    for (const claim of candidates) {
      const deadline = claimDeadline(claim, settings, now);
      if (!deadline || deadline.status !== "due_soon") continue;
      // ON CONFLICT DO NOTHING, not a caught violation: on PostgreSQL a failed INSERT would abort the transaction.
      const inserted = await tx
        .insert(deadlineAlerts)
        .values({ claimId: claim.id, deadline: deadline.at, assigneeId: claim.assigneeId, createdAt: at })
        .onConflictDoNothing()
        .returning({ claimId: deadlineAlerts.claimId });
      if (inserted.length === 0) continue;
      record({
        kind: "claim.due_soon",
        claimId: claim.id,
        articleId: claim.articleId,
        actorId: claim.assigneeId,
        assigneeId: claim.assigneeId,
        state: claim.state,
        deadline: deadline.at,
        source: deadline.source,
        at,
      });
    }
    return null;
  });
  return result.events;
}
