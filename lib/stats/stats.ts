import { preparedPerConnection, type Db, type DbExecutor } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { CLAIM_STATES, type ClaimState, type Role } from "@/lib/core/vocabulary";
import { countClaimsByState } from "@/lib/workflow/queries";
import { canReviewClaim, canVerifyClaim, queueFilters, type ClaimFacts } from "@/lib/workflow/rules";
import { daysOf, periodBounds, weekStartOf, type Period } from "./period";

/*
 * The desk's numbers for a period, for the dashboard and GET /api/v1/stats alike.
 *
 * Time in a state. A claim's history is its sign-offs in order (submit → draft, review → reviewed,
 * verify → verified, return → draft) plus the publications that include it. A *stay* is the time
 * from the event that put the claim in a state to the next event that took it out:
 *   - draft:    from its submit or a return, to the review that follows;
 *   - reviewed: from a review, to the verify or the return that follows;
 *   - verified: from a verify, to the first publication that includes the claim after it, or to a
 *               return if one comes first (a later republication ends no stay).
 * Every stay counts, so a claim returned and re-reviewed contributes one draft stay per round and a
 * reviewed stay for each review. A stay belongs to the period its *end* falls in ([from 00:00, to+1 00:00)
 * UTC); stays still open are not in the figures (they are the longest-waiting list). Median and 90th
 * percentile interpolate linearly between the nearest ranks (as a spreadsheet's PERCENTILE.INC).
 *
 * Per day / per week: sign-offs of each action by the UTC day they were made (submitted, verified) and
 * claims published (the verified stays that ended in a publication), weeks starting on Monday.
 * Returns per round: the returns made in the period, by the round they ended.
 * A reporter sees all of it for the claims they submitted only (queueFilters, as the queue does).
 */

export const LONGEST_WAITING_LIMIT = 10;

export interface TimeInState {
  medianHours: number | null;
  p90Hours: number | null;
  n: number;
}

export interface DayFigures {
  date: string;
  submitted: number;
  verified: number;
  published: number;
}

export interface WeekFigures extends Omit<DayFigures, "date"> {
  /** The Monday the week starts on (UTC). */
  weekStart: string;
}

export interface PersonLoad {
  userId: number;
  name: string;
  role: Role;
  /** Open claims (draft or reviewed) assigned to them. */
  assigned: number;
  /** Claims the workflow's rules let them sign off now: drafts to review, reviewed claims to verify. */
  awaitingReview: number;
  awaitingVerify: number;
}

export interface WaitingClaim {
  claimId: number;
  text: string;
  state: ClaimState;
  /** When it entered its current state. */
  since: string;
  waitingHours: number;
  assigneeName: string | null;
}

export interface DeskStats {
  period: Period;
  /** "desk": every claim; "own": the claims the viewer submitted. */
  scope: "desk" | "own";
  counts: Record<ClaimState, number>;
  timeInState: Record<ClaimState, TimeInState>;
  perDay: DayFigures[];
  perWeek: WeekFigures[];
  returnsPerRound: { round: number; returns: number }[];
  perPerson: PersonLoad[];
  longestWaiting: WaitingClaim[];
  /** Deadlines (due dates) are not on the desk yet: always null until they come. */
  overdue: null;
}

/** Linear interpolation between the closest ranks of sorted values (PERCENTILE.INC); null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

const round2 = (value: number | null) => (value == null ? null : Math.round(value * 100) / 100);

export function summarize(hours: number[]): TimeInState {
  const sorted = [...hours].sort((a, b) => a - b);
  return { medianHours: round2(percentile(sorted, 0.5)), p90Hours: round2(percentile(sorted, 0.9)), n: sorted.length };
}

interface Bind {
  start: string;
  end: string;
  submitter: number | null;
}

const HOURS = (later: string, earlier: string) => `(julianday(${later}) - julianday(${earlier})) * 24.0`;
const SCOPE = (claimId: string) => `(@submitter IS NULL OR (SELECT submitter_id FROM claims sc WHERE sc.id = ${claimId}) = @submitter)`;

const statements = preparedPerConnection((executor: DbExecutor) => {
  const sqlite = (executor as Db).$client;
  return {
    // Stays ended by a sign-off in the period: the previous sign-off of the same claim started it.
    signoffStays: sqlite.prepare<Bind, { state: ClaimState; hours: number }>(`
      SELECT s.from_state AS state,
             ${HOURS("s.created_at", "(SELECT p.created_at FROM signoffs p WHERE p.claim_id = s.claim_id AND p.id < s.id ORDER BY p.id DESC LIMIT 1)")} AS hours
      FROM signoffs s
      WHERE s.created_at >= @start AND s.created_at < @end AND s.from_state IS NOT NULL AND ${SCOPE("s.claim_id")}`),
    // Verified stays ended by a publication in the period: the claim's latest sign-off before it is
    // a verify, and no earlier version of the same summary published the claim since that verify.
    publishedStays: sqlite.prepare<Bind, { day: string; hours: number }>(`
      WITH included AS MATERIALIZED (
        SELECT p.summary_id, p.version, p.published_at, CAST(json_extract(c.value, '$.id') AS INTEGER) AS claim_id
        FROM publications p, json_each(p.snapshot, '$.claims') c
        WHERE p.published_at >= @start AND p.published_at < @end
      ), latest AS MATERIALIZED (
        SELECT i.*, (SELECT l.id FROM signoffs l WHERE l.claim_id = i.claim_id AND l.created_at <= i.published_at ORDER BY l.id DESC LIMIT 1) AS signoff_id
        FROM included i WHERE ${SCOPE("i.claim_id")}
      )
      SELECT substr(latest.published_at, 1, 10) AS day, ${HOURS("latest.published_at", "v.created_at")} AS hours
      FROM latest CROSS JOIN signoffs v ON v.id = latest.signoff_id -- CROSS: latest outside, or SQLite scans every sign-off
      WHERE v.action = 'verify'
        AND NOT EXISTS (
          SELECT 1 FROM publications q, json_each(q.snapshot, '$.claims') qc
          WHERE q.summary_id = latest.summary_id AND q.version < latest.version AND q.published_at >= v.created_at
            AND CAST(json_extract(qc.value, '$.id') AS INTEGER) = latest.claim_id)`),
    perDay: sqlite.prepare<Bind, { day: string; action: string; n: number }>(`
      SELECT substr(s.created_at, 1, 10) AS day, s.action AS action, count(*) AS n
      FROM signoffs s
      WHERE s.created_at >= @start AND s.created_at < @end AND s.action IN ('submit', 'verify') AND ${SCOPE("s.claim_id")}
      GROUP BY day, s.action`),
    // A return opens the next round, so it ended round - 1.
    returnsPerRound: sqlite.prepare<Bind, { round: number; n: number }>(`
      SELECT s.round - 1 AS round, count(*) AS n
      FROM signoffs s
      WHERE s.created_at >= @start AND s.created_at < @end AND s.action = 'return' AND ${SCOPE("s.claim_id")}
      GROUP BY s.round ORDER BY s.round`),
    // Everything the figures are made of only ever grows by a row (sign-offs, publications, assignments,
    // text revisions are append-only) or changes a user: together these say whether anything changed.
    dataVersion: sqlite.prepare<[], { v: string }>(`
      SELECT coalesce((SELECT max(id) FROM signoffs), 0) || ':' || coalesce((SELECT max(id) FROM publications), 0) || ':' ||
             coalesce((SELECT max(id) FROM claim_assignments), 0) || ':' || coalesce((SELECT max(id) FROM claim_revisions), 0) || ':' ||
             (SELECT count(*) || '/' || coalesce(max(updated_at), '') || '/' || sum(disabled) || '/' || group_concat(role || name) FROM users) AS v`),
    people: sqlite.prepare<[], { id: number; name: string; role: Role; disabled: number }>(`SELECT id, name, role, disabled FROM users ORDER BY name, id`),
    assigned: sqlite.prepare<{ submitter: number | null }, { userId: number; n: number }>(`
      SELECT assignee_id AS userId, count(*) AS n FROM claims
      WHERE assignee_id IS NOT NULL AND state IN ('draft', 'reviewed') AND (@submitter IS NULL OR submitter_id = @submitter)
      GROUP BY assignee_id`),
    // Open claims grouped by the facts the rules weigh (state, submitter, reviewer of the current round).
    ruleGroups: sqlite.prepare<{ submitter: number | null }, { state: ClaimState; submitterId: number; reviewerId: number | null; n: number }>(`
      SELECT c.state AS state, c.submitter_id AS submitterId,
             CASE WHEN c.state = 'reviewed' THEN
               (SELECT s.user_id FROM signoffs s WHERE s.claim_id = c.id AND s.round = c.round AND s.action = 'review' ORDER BY s.id DESC LIMIT 1)
             END AS reviewerId,
             count(*) AS n
      FROM claims c
      WHERE c.state IN ('draft', 'reviewed') AND (@submitter IS NULL OR c.submitter_id = @submitter)
      GROUP BY 1, 2, 3`),
    // Oldest first through the sign-offs' time index: a sign-off that put a claim in the state it is
    // still in, and is its latest, says since when the claim has waited.
    longestWaiting: sqlite.prepare<{ submitter: number | null; limit: number }, { claimId: number; text: string; state: ClaimState; since: string; assigneeName: string | null }>(`
      SELECT c.id AS claimId, c.text AS text, c.state AS state, s.created_at AS since, a.name AS assigneeName
      FROM signoffs s
      JOIN claims c ON c.id = s.claim_id
      LEFT JOIN users a ON a.id = c.assignee_id
      WHERE s.to_state IN ('draft', 'reviewed') AND c.state = s.to_state
        AND s.id = (SELECT max(l.id) FROM signoffs l WHERE l.claim_id = s.claim_id)
        AND (@submitter IS NULL OR c.submitter_id = @submitter)
      ORDER BY s.created_at, s.id
      LIMIT @limit`),
  };
});

type StatsActor = Pick<Actor, "id" | "role">;

/*
 * A 100k-claim desk whose whole history falls in the period means reading 300k sign-offs: seconds.
 * The figures change only when the data does, so they are kept per (scope, period) until the data
 * version moves (any sign-off, publication, assignment, edit or user change) — exact, never stale.
 * Only the waiting times depend on the clock, and they are worked out on every read.
 */
const CACHE_LIMIT = 32;
const cache = new WeakMap<object, Map<string, { version: string; stats: DeskStats }>>();

/** The numbers of the dashboard and GET /api/v1/stats for `period`, as `actor` may see them. */
export function deskStats(db: Db, actor: StatsActor, period: Period, now: Date = new Date()): DeskStats {
  const submitter = queueFilters(actor, {} as { submitterId?: number }).submitterId ?? null;
  const version = statements(db).dataVersion.get()!.v;
  const session = (db as unknown as { session: object }).session;
  const entries = cache.get(session) ?? new Map<string, { version: string; stats: DeskStats }>();
  cache.set(session, entries);
  const key = `${submitter ?? "desk"}|${period.from}|${period.to}`;
  let entry = entries.get(key);
  if (!entry || entry.version !== version) {
    entry = { version, stats: computeStats(db, submitter, period) };
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > CACHE_LIMIT) entries.delete(entries.keys().next().value!);
  }
  const stats = entry.stats;
  return {
    ...stats,
    longestWaiting: stats.longestWaiting.map((claim) => ({ ...claim, waitingHours: round2((now.getTime() - Date.parse(claim.since)) / 3_600_000)! })),
  };
}

function computeStats(db: Db, submitter: number | null, period: Period): DeskStats {
  const scope = submitter == null ? {} : { submitterId: submitter };
  const { start, end } = periodBounds(period);
  const bind: Bind = { start, end, submitter };
  const s = statements(db);

  const counts = countClaimsByState(db, scope);

  const hours: Record<ClaimState, number[]> = { draft: [], reviewed: [], verified: [] };
  for (const stay of s.signoffStays.all(bind)) if (stay.hours != null) hours[stay.state].push(stay.hours);
  const publishedStays = s.publishedStays.all(bind);
  for (const stay of publishedStays) hours.verified.push(stay.hours);

  const byDay = new Map<string, DayFigures>(daysOf(period).map((date) => [date, { date, submitted: 0, verified: 0, published: 0 }]));
  for (const row of s.perDay.all(bind)) {
    const day = byDay.get(row.day);
    if (day) day[row.action === "submit" ? "submitted" : "verified"] += row.n;
  }
  for (const stay of publishedStays) {
    const day = byDay.get(stay.day);
    if (day) day.published += 1;
  }
  const perDay = [...byDay.values()];
  const byWeek = new Map<string, WeekFigures>();
  for (const day of perDay) {
    const weekStart = weekStartOf(day.date);
    const week = byWeek.get(weekStart) ?? { weekStart, submitted: 0, verified: 0, published: 0 };
    week.submitted += day.submitted;
    week.verified += day.verified;
    week.published += day.published;
    byWeek.set(weekStart, week);
  }

  return {
    period,
    scope: submitter == null ? "desk" : "own",
    counts: { draft: counts.draft, reviewed: counts.reviewed, verified: counts.verified },
    timeInState: Object.fromEntries(CLAIM_STATES.map((state) => [state, summarize(hours[state])])) as Record<ClaimState, TimeInState>,
    perDay,
    perWeek: [...byWeek.values()],
    returnsPerRound: s.returnsPerRound.all(bind).map((row) => ({ round: row.round, returns: row.n })),
    perPerson: personLoads(db, submitter),
    longestWaiting: s.longestWaiting.all({ submitter, limit: LONGEST_WAITING_LIMIT }).map((row) => ({ ...row, waitingHours: 0 })),
    overdue: null,
  };
}

/**
 * Each editor's and admin's load. "Awaiting" asks the workflow's own rules (canReviewClaim,
 * canVerifyClaim) about each group of open claims that share the facts the rules weigh, so the counts
 * are exact on any desk size without a rule re-coded in SQL.
 */
function personLoads(db: Db, submitter: number | null): PersonLoad[] {
  const s = statements(db);
  const assigned = new Map(s.assigned.all({ submitter }).map((row) => [row.userId, row.n]));
  const groups = s.ruleGroups.all({ submitter });
  const loads: PersonLoad[] = [];
  for (const person of s.people.all()) {
    const canSignOff = person.role !== "reporter" && !person.disabled;
    if (!canSignOff && !assigned.has(person.id)) continue;
    const actor = { id: person.id, role: person.role };
    let awaitingReview = 0;
    let awaitingVerify = 0;
    if (canSignOff) {
      for (const group of groups) {
        const facts: ClaimFacts = { state: group.state, submitterId: group.submitterId, currentReviewerId: group.reviewerId };
        if (group.state === "draft" && canReviewClaim(facts, actor).allowed) awaitingReview += group.n;
        if (group.state === "reviewed" && canVerifyClaim(facts, actor).allowed) awaitingVerify += group.n;
      }
    }
    loads.push({ userId: person.id, name: person.name, role: person.role, assigned: assigned.get(person.id) ?? 0, awaitingReview, awaitingVerify });
  }
  return loads.sort((a, b) => b.assigned + b.awaitingReview + b.awaitingVerify - (a.assigned + a.awaitingReview + a.awaitingVerify) || a.name.localeCompare(b.name));
}
