import { asc, sql, type SQL } from "drizzle-orm";
import { preparedPerConnection, type Db, type DbExecutor } from "@/db/client"; // sqlite-branch
import type { PgExecutor } from "@/db/client-pg";
import { engineOf, tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { CLAIM_STATES, type ClaimState, type Role } from "@/lib/core/vocabulary";
import { overdueSummary, type OverdueSummary } from "@/lib/deadlines";
import { countClaimsByState } from "@/lib/workflow/queries";
import { canReviewClaim, canVerifyClaim, queueFilters, type ClaimFacts } from "@/lib/workflow/rules";
import { ACTION_CODE, hoursBetween, percentileOf, signoffLedger, STATE_CODE, STATE_OF_CODE, type SignoffLedger } from "./ledger";
import { daysOf, dayNumber, dayOf, periodBounds, weekStartOf, type Period } from "./period";

const DAY_MS = 86_400_000;

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
  /** Open claims past their deadline now (their due date, or the desk's target for their state): how many, and the latest ones. */
  overdue: OverdueSummary;
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

const SCOPE = (claimId: string) => `(@submitter IS NULL OR (SELECT submitter_id FROM claims sc WHERE sc.id = ${claimId}) = @submitter)`;

const statements = preparedPerConnection((executor: DbExecutor) => { // sqlite-branch
  const sqlite = (executor as Db).$client; // sqlite-branch
  return {
    // Stays ended by a sign-off in the period: the previous sign-off of the same claim started it.
    signoffStays: sqlite.prepare<Bind, { state: ClaimState; startedAt: string | null; endedAt: string }>(`
      SELECT s.from_state AS state, s.created_at AS endedAt,
             (SELECT p.created_at FROM signoffs p WHERE p.claim_id = s.claim_id AND p.id < s.id ORDER BY p.id DESC LIMIT 1) AS startedAt
      FROM signoffs s
      WHERE s.created_at >= @start AND s.created_at < @end AND s.from_state IS NOT NULL AND ${SCOPE("s.claim_id")}`),
    // Verified stays ended by a publication in the period: the claim's latest sign-off before it is
    // a verify, and no earlier version of the same summary published the claim since that verify.
    publishedStays: sqlite.prepare<Bind, { publishedAt: string; verifiedAt: string }>(`
      WITH included AS MATERIALIZED (
        SELECT p.summary_id, p.version, p.published_at, CAST(json_extract(c.value, '$.id') AS INTEGER) AS claim_id
        FROM publications p, json_each(p.snapshot, '$.claims') c
        WHERE p.published_at >= @start AND p.published_at < @end
      ), latest AS MATERIALIZED (
        SELECT i.*, (SELECT l.id FROM signoffs l WHERE l.claim_id = i.claim_id AND l.created_at <= i.published_at ORDER BY l.id DESC LIMIT 1) AS signoff_id
        FROM included i WHERE ${SCOPE("i.claim_id")}
      )
      SELECT latest.published_at AS publishedAt, v.created_at AS verifiedAt
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
    people: sqlite.prepare<[], { id: number; name: string; role: Role; disabled: number }>(`SELECT id, name, role, disabled FROM users ORDER BY name, id`),
    // Per person through the (assignee, state) index: a few thousand index entries each, never the claims.
    assigned: sqlite.prepare<{ submitter: number | null }, { userId: number; n: number }>(`
      SELECT u.id AS userId,
             (SELECT count(*) FROM claims c WHERE c.assignee_id = u.id AND c.state IN ('draft', 'reviewed') AND (@submitter IS NULL OR c.submitter_id = @submitter)) AS n
      FROM users u`),
    // Open claims grouped by the facts the rules weigh (state, submitter, reviewer of the current round).
    ruleGroups: sqlite.prepare<{ submitter: number | null }, RuleGroup>(`
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
    longestWaiting: sqlite.prepare<{ submitter: number | null; limit: number }, Omit<WaitingClaim, "waitingHours">>(`
      SELECT c.id AS claimId, c.text AS text, c.state AS state, s.created_at AS since, a.name AS assigneeName
      FROM signoffs s
      JOIN claims c ON c.id = s.claim_id
      LEFT JOIN users a ON a.id = c.assignee_id
      WHERE s.to_state IN ('draft', 'reviewed') AND c.state = s.to_state
        AND s.id = (SELECT max(l.id) FROM signoffs l WHERE l.claim_id = s.claim_id)
        AND (@submitter IS NULL OR c.submitter_id = @submitter)
      ORDER BY s.created_at, s.id
      LIMIT @limit`),
    // The same rows for claims the ledger names, by the id of the sign-off each has waited since.
    waitingBySignoff: sqlite.prepare<{ ids: string }, Omit<WaitingClaim, "waitingHours"> & { signoffId: number }>(`
      SELECT s.id AS signoffId, c.id AS claimId, c.text AS text, c.state AS state, s.created_at AS since, a.name AS assigneeName
      FROM json_each(@ids) j
      JOIN signoffs s ON s.id = j.value
      JOIN claims c ON c.id = s.claim_id
      LEFT JOIN users a ON a.id = c.assignee_id`),
  };
});

interface RuleGroup {
  state: ClaimState;
  submitterId: number;
  reviewerId: number | null;
  n: number;
}

type StatsActor = Pick<Actor, "id" | "role">;

/** The figures that depend only on the period's history: time in state, per day, returns per round. */
interface PeriodFigures {
  hours: Record<ClaimState, number[] | Float64Array>;
  /** How many of each state's `hours` are filled (a typed array may be longer). */
  filled: Record<ClaimState, number>;
  submittedByDay: Map<string, number>;
  verifiedByDay: Map<string, number>;
  returnsByRound: Map<number, number>;
}

/** The reads behind the figures, one per statement above: SQLite's prepared ones, or the same SQL built for PostgreSQL. */
interface StatsReads {
  signoffStays(bind: Bind): Promise<Array<{ state: ClaimState; startedAt: string | null; endedAt: string }>>;
  publishedStays(bind: Bind): Promise<Array<{ publishedAt: string; verifiedAt: string }>>;
  perDay(bind: Bind): Promise<Array<{ day: string; action: string; n: number }>>;
  returnsPerRound(bind: Bind): Promise<Array<{ round: number; n: number }>>;
  people(): Promise<Array<{ id: number; name: string; role: Role; disabled: boolean | number }>>;
  assigned(submitter: number | null): Promise<Array<{ userId: number; n: number }>>;
  ruleGroups(submitter: number | null): Promise<RuleGroup[]>;
  longestWaiting(submitter: number | null, limit: number): Promise<Array<Omit<WaitingClaim, "waitingHours">>>;
}

function readsOf(db: Db): StatsReads {
  if (engineOf(db) === "postgres") return postgresReads(db);
  const s = statements(db);
  return {
    signoffStays: async (bind) => s.signoffStays.all(bind),
    publishedStays: async (bind) => s.publishedStays.all(bind),
    perDay: async (bind) => s.perDay.all(bind),
    returnsPerRound: async (bind) => s.returnsPerRound.all(bind),
    people: async () => s.people.all(), // sqlite-branch
    assigned: async (submitter) => s.assigned.all({ submitter }),
    ruleGroups: async (submitter) => s.ruleGroups.all({ submitter }),
    longestWaiting: async (submitter, limit) => s.longestWaiting.all({ submitter, limit }),
  };
}

/**
 * The statements above on PostgreSQL: the same SQL, but json_each is jsonb_array_elements, aliases are
 * quoted (PostgreSQL folds unquoted ones to lower case), a CROSS JOIN takes no ON, counts come back as
 * strings, and the submitter's scope is left out for the desk (PostgreSQL cannot type a bare NULL parameter).
 */
function postgresReads(db: Db): StatsReads {
  const pg = db as unknown as PgExecutor;
  const rows = async <T>(query: SQL): Promise<T[]> => ((await pg.execute(query)) as unknown as { rows: T[] }).rows;
  const scope = (submitter: number | null, claimId: SQL) => (submitter === null ? sql`TRUE` : sql`(SELECT submitter_id FROM claims sc WHERE sc.id = ${claimId}) = ${submitter}`);
  const own = (submitter: number | null, column: SQL) => (submitter === null ? sql`TRUE` : sql`${column} = ${submitter}`);
  const claimsOf = (alias: string) => sql`CAST(${sql.raw(alias)}.value ->> 'id' AS INTEGER)`;
  return {
    signoffStays: ({ start, end, submitter }) =>
      rows(sql`
        SELECT s.from_state AS "state", s.created_at AS "endedAt",
               (SELECT p.created_at FROM signoffs p WHERE p.claim_id = s.claim_id AND p.id < s.id ORDER BY p.id DESC LIMIT 1) AS "startedAt"
        FROM signoffs s
        WHERE s.created_at >= ${start} AND s.created_at < ${end} AND s.from_state IS NOT NULL AND ${scope(submitter, sql`s.claim_id`)}`),
    publishedStays: ({ start, end, submitter }) =>
      rows(sql`
        WITH included AS MATERIALIZED (
          SELECT p.summary_id, p.version, p.published_at, ${claimsOf("c")} AS claim_id
          FROM publications p, jsonb_array_elements(CAST(p.snapshot AS jsonb) -> 'claims') c
          WHERE p.published_at >= ${start} AND p.published_at < ${end}
        ), latest AS MATERIALIZED (
          SELECT i.*, (SELECT l.id FROM signoffs l WHERE l.claim_id = i.claim_id AND l.created_at <= i.published_at ORDER BY l.id DESC LIMIT 1) AS signoff_id
          FROM included i WHERE ${scope(submitter, sql`i.claim_id`)}
        )
        SELECT latest.published_at AS "publishedAt", v.created_at AS "verifiedAt"
        FROM latest JOIN signoffs v ON v.id = latest.signoff_id
        WHERE v.action = 'verify'
          AND NOT EXISTS (
            SELECT 1 FROM publications q, jsonb_array_elements(CAST(q.snapshot AS jsonb) -> 'claims') qc
            WHERE q.summary_id = latest.summary_id AND q.version < latest.version AND q.published_at >= v.created_at
              AND ${claimsOf("qc")} = latest.claim_id)`),
    perDay: async ({ start, end, submitter }) =>
      (
        await rows<{ day: string; action: string; n: string }>(sql`
          SELECT substr(s.created_at, 1, 10) AS "day", s.action AS "action", count(*) AS "n"
          FROM signoffs s
          WHERE s.created_at >= ${start} AND s.created_at < ${end} AND s.action IN ('submit', 'verify') AND ${scope(submitter, sql`s.claim_id`)}
          GROUP BY 1, 2`)
      ).map((row) => ({ ...row, n: Number(row.n) })),
    returnsPerRound: async ({ start, end, submitter }) =>
      (
        await rows<{ round: number; n: string }>(sql`
          SELECT s.round - 1 AS "round", count(*) AS "n"
          FROM signoffs s
          WHERE s.created_at >= ${start} AND s.created_at < ${end} AND s.action = 'return' AND ${scope(submitter, sql`s.claim_id`)}
          GROUP BY s.round ORDER BY s.round`)
      ).map((row) => ({ round: Number(row.round), n: Number(row.n) })),
    people: async () => {
      const { users } = tablesOf(db);
      return db.select({ id: users.id, name: users.name, role: users.role, disabled: users.disabled }).from(users).orderBy(asc(users.name), asc(users.id));
    },
    assigned: async (submitter) =>
      (
        await rows<{ userId: number; n: string }>(sql`
          SELECT u.id AS "userId",
                 (SELECT count(*) FROM claims c WHERE c.assignee_id = u.id AND c.state IN ('draft', 'reviewed') AND ${own(submitter, sql`c.submitter_id`)}) AS "n"
          FROM users u`)
      ).map((row) => ({ userId: row.userId, n: Number(row.n) })),
    ruleGroups: async (submitter) =>
      (
        await rows<Omit<RuleGroup, "n"> & { n: string }>(sql`
          SELECT open.state AS "state", open.submitter_id AS "submitterId", open.reviewer_id AS "reviewerId", count(*) AS "n"
          FROM (
            SELECT c.state, c.submitter_id,
                   CASE WHEN c.state = 'reviewed' THEN
                     (SELECT s.user_id FROM signoffs s WHERE s.claim_id = c.id AND s.round = c.round AND s.action = 'review' ORDER BY s.id DESC LIMIT 1)
                   END AS reviewer_id
            FROM claims c
            WHERE c.state IN ('draft', 'reviewed') AND ${own(submitter, sql`c.submitter_id`)}
          ) AS open
          GROUP BY 1, 2, 3`)
      ).map((row) => ({ ...row, n: Number(row.n) })),
    longestWaiting: (submitter, limit) =>
      rows(sql`
        SELECT c.id AS "claimId", c.text AS "text", c.state AS "state", s.created_at AS "since", a.name AS "assigneeName"
        FROM signoffs s
        JOIN claims c ON c.id = s.claim_id
        LEFT JOIN users a ON a.id = c.assignee_id
        WHERE s.to_state IN ('draft', 'reviewed') AND c.state = s.to_state
          AND s.id = (SELECT max(l.id) FROM signoffs l WHERE l.claim_id = s.claim_id)
          AND ${own(submitter, sql`c.submitter_id`)}
        ORDER BY s.created_at, s.id
        LIMIT ${limit}`),
  };
}

/**
 * The numbers of the dashboard and GET /api/v1/stats for `period`, as `actor` may see them, worked out
 * afresh on every call (nothing cached, so a busy desk is answered as fast as a quiet one): on SQLite
 * from the in-memory sign-off ledger (lib/stats/ledger.ts), which takes in the sign-offs made since its
 * last read; inside a transaction, where the ledger must not take in rows a rollback may remove, and
 * on PostgreSQL, whose ids may commit out of order (a ledger reading after the last id it saw could
 * miss one committed late), from SQL (deskStatsFromSql: the same figures, the straightforward way).
 */
export async function deskStats(db: Db, actor: StatsActor, period: Period, now: Date = new Date()): Promise<DeskStats> {
  if (engineOf(db) === "postgres") return deskStatsFromSql(db, actor, period, now);
  if (db.$client.inTransaction) return deskStatsFromSql(db, actor, period, now); // sqlite-branch
  const submitter = submitterScope(actor);
  const ledger = signoffLedger(db);
  return assemble(db, submitter, period, now, fromLedger(ledger, submitter, period), openClaimsFromLedger(db, ledger, submitter));
}

/**
 * The same figures read straight from the tables: every sign-off of the period and every open claim.
 * Seconds on a 100k-claim desk; the tests hold the ledger's figures to these.
 */
export async function deskStatsFromSql(db: Db, actor: StatsActor, period: Period, now: Date = new Date()): Promise<DeskStats> {
  const submitter = submitterScope(actor);
  const reads = readsOf(db);
  const bind: Bind = { ...periodBounds(period), submitter };
  const hours: Record<ClaimState, number[]> = { draft: [], reviewed: [], verified: [] };
  for (const stay of await reads.signoffStays(bind)) {
    if (stay.startedAt != null) hours[stay.state].push(hoursBetween(Date.parse(stay.endedAt), Date.parse(stay.startedAt)));
  }
  const submittedByDay = new Map<string, number>();
  const verifiedByDay = new Map<string, number>();
  for (const row of await reads.perDay(bind)) (row.action === "submit" ? submittedByDay : verifiedByDay).set(row.day, row.n);
  const figures: PeriodFigures = {
    hours,
    filled: { draft: hours.draft.length, reviewed: hours.reviewed.length, verified: hours.verified.length },
    submittedByDay,
    verifiedByDay,
    returnsByRound: new Map((await reads.returnsPerRound(bind)).map((row) => [row.round, row.n])),
  };
  const open: OpenClaims = {
    groups: await reads.ruleGroups(submitter),
    assigned: new Map((await reads.assigned(submitter)).map((row) => [row.userId, row.n])),
    waiting: await reads.longestWaiting(submitter, LONGEST_WAITING_LIMIT),
  };
  return assemble(db, submitter, period, now, figures, open);
}

/** A reporter's figures are for the claims they submitted (queueFilters, as the queue does); null for the desk. */
function submitterScope(actor: StatsActor): number | null {
  return queueFilters(actor, {} as { submitterId?: number }).submitterId ?? null;
}

/** Reused buffers for each state's stays (requests run one at a time on the connection's thread): no 7 MB allocation per request. */
const scratchBuffers: Float64Array[] = [];
function scratch(index: number, size: number): Float64Array {
  if ((scratchBuffers[index]?.length ?? 0) < size) scratchBuffers[index] = new Float64Array(Math.max(size, 1024) * 1.25);
  return scratchBuffers[index]!;
}

function fromLedger(ledger: SignoffLedger, submitter: number | null, period: Period): PeriodFigures {
  const { start, end } = periodBounds(period);
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  const firstDay = dayNumber(period.from);
  const dayCount = dayNumber(period.to) - firstDay + 1;
  const submitted = new Int32Array(dayCount);
  const verified = new Int32Array(dayCount);
  const returnsByRound = new Map<number, number>();
  const hours = { draft: scratch(0, ledger.count), reviewed: scratch(1, ledger.count), verified: scratch(2, ledger.count) };
  const byCode = [null, hours.draft, hours.reviewed, hours.verified] as const;
  const filledByCode = [0, 0, 0, 0];
  const { at, action, endedState, stayHours, round, count } = ledger;
  const scope = ledger.submitter;
  // Imported constants in locals: a bundler's module namespace reads each through a getter, once per sign-off otherwise.
  const SUBMIT = ACTION_CODE.submit;
  const VERIFY = ACTION_CODE.verify;
  const RETURN = ACTION_CODE.return;
  for (let i = 0; i < count; i++) {
    const t = at[i]!;
    if (t < startMs || t >= endMs || (submitter !== null && scope[i] !== submitter)) continue;
    const code = action[i]!;
    if (code === SUBMIT) submitted[Math.floor(t / DAY_MS) - firstDay]! += 1;
    else if (code === VERIFY) verified[Math.floor(t / DAY_MS) - firstDay]! += 1;
    else if (code === RETURN) returnsByRound.set(round[i]! - 1, (returnsByRound.get(round[i]! - 1) ?? 0) + 1);
    const state = endedState[i]!;
    const stay = stayHours[i]!;
    if (state !== 0 && !Number.isNaN(stay)) byCode[state]![filledByCode[state]!++] = stay;
  }
  const byDay = (counts: Int32Array) => {
    const map = new Map<string, number>();
    counts.forEach((n, index) => n > 0 && map.set(dayOf(firstDay + index), n));
    return map;
  };
  return {
    hours,
    filled: { draft: filledByCode[STATE_CODE.draft]!, reviewed: filledByCode[STATE_CODE.reviewed]!, verified: filledByCode[STATE_CODE.verified]! },
    submittedByDay: byDay(submitted),
    verifiedByDay: byDay(verified),
    returnsByRound: new Map([...returnsByRound].sort((a, b) => a[0] - b[0])),
  };
}

/** What the open claims say, from each claim's latest sign-off and assignment: as ruleGroups, assigned and longestWaiting read them. */
interface OpenClaims {
  groups: RuleGroup[];
  assigned: Map<number, number>;
  waiting: Omit<WaitingClaim, "waitingHours">[];
}

function openClaimsFromLedger(db: Db, ledger: SignoffLedger, submitter: number | null): OpenClaims {
  const groups = new Map<number, RuleGroup>();
  const assigned = new Map<number, number>();
  const { claimState, claimSubmitter, claimReviewer, claimAssignee, claimSinceMs, claimSinceId } = ledger;
  // The LONGEST_WAITING_LIMIT open claims whose latest sign-off is oldest (by time, then id), oldest first.
  const oldest: { ms: number; id: number }[] = [];
  const later = (a: { ms: number; id: number }, b: { ms: number; id: number }) => a.ms > b.ms || (a.ms === b.ms && a.id > b.id);
  const DRAFT = STATE_CODE.draft;
  const REVIEWED = STATE_CODE.reviewed;
  const maxClaimId = ledger.maxClaimId;
  for (let claimId = 1; claimId <= maxClaimId; claimId++) {
    const code = claimState[claimId]!;
    if (code !== DRAFT && code !== REVIEWED) continue;
    const submitterId = claimSubmitter[claimId]!;
    if (submitter !== null && submitterId !== submitter) continue;

    const reviewerId = code === REVIEWED ? claimReviewer[claimId]! : 0;
    const key = (submitterId * 2_097_152 + reviewerId) * 4 + code;
    const group = groups.get(key);
    if (group) group.n += 1;
    else groups.set(key, { state: STATE_OF_CODE[code]!, submitterId, reviewerId: reviewerId > 0 ? reviewerId : null, n: 1 });

    const assignee = claimAssignee[claimId]!;
    if (assignee > 0) assigned.set(assignee, (assigned.get(assignee) ?? 0) + 1);

    const ms = claimSinceMs[claimId]!;
    const sinceId = claimSinceId[claimId]!;
    if (oldest.length === LONGEST_WAITING_LIMIT) {
      const last = oldest[LONGEST_WAITING_LIMIT - 1]!;
      if (!(last.ms > ms || (last.ms === ms && last.id > sinceId))) continue; // no newer than the tenth: most claims stop here, allocating nothing
    }
    const candidate = { ms, id: sinceId };
    let at = oldest.length;
    while (at > 0 && later(oldest[at - 1]!, candidate)) at--;
    oldest.splice(at, 0, candidate);
    if (oldest.length > LONGEST_WAITING_LIMIT) oldest.pop();
  }
  const rows = new Map(statements(db).waitingBySignoff.all({ ids: JSON.stringify(oldest.map((entry) => entry.id)) }).map((row) => [row.signoffId, row])); // sqlite-branch
  const waiting = oldest.flatMap(({ id }) => {
    const row = rows.get(id);
    return row ? [{ claimId: row.claimId, text: row.text, state: row.state, since: row.since, assigneeName: row.assigneeName }] : [];
  });
  return { groups: [...groups.values()], assigned, waiting };
}

async function assemble(
  db: Db,
  submitter: number | null,
  period: Period,
  now: Date,
  figures: PeriodFigures,
  open: OpenClaims,
): Promise<DeskStats> {
  const bind: Bind = { ...periodBounds(period), submitter };
  const reads = readsOf(db);
  const counts = await countClaimsByState(db, submitter == null ? {} : { submitterId: submitter });

  const publishedStays = await reads.publishedStays(bind);
  const timeInState = Object.fromEntries(
    CLAIM_STATES.map((state) => {
      const extra = state === "verified" ? publishedStays.map((stay) => hoursBetween(Date.parse(stay.publishedAt), Date.parse(stay.verifiedAt))) : [];
      const filled = figures.filled[state];
      const values = new Float64Array(filled + extra.length);
      const hours = figures.hours[state];
      values.set(hours instanceof Float64Array ? hours.subarray(0, filled) : hours);
      values.set(extra, filled);
      return [state, summarizeValues(values)];
    }),
  ) as Record<ClaimState, TimeInState>;

  const publishedByDay = new Map<string, number>();
  for (const stay of publishedStays) publishedByDay.set(stay.publishedAt.slice(0, 10), (publishedByDay.get(stay.publishedAt.slice(0, 10)) ?? 0) + 1);
  const perDay = daysOf(period).map((date) => ({
    date,
    submitted: figures.submittedByDay.get(date) ?? 0,
    verified: figures.verifiedByDay.get(date) ?? 0,
    published: publishedByDay.get(date) ?? 0,
  }));
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
    timeInState,
    perDay,
    perWeek: [...byWeek.values()],
    returnsPerRound: [...figures.returnsByRound].map(([round, returns]) => ({ round, returns })),
    perPerson: personLoads(await reads.people(), open),
    longestWaiting: open.waiting.map((claim) => ({ ...claim, waitingHours: round2((now.getTime() - Date.parse(claim.since)) / 3_600_000)! })),
    overdue: await overdueSummary(db, submitter == null ? {} : { submitterId: submitter }, now),
  };
}

/** summarize() of a typed array, by selection instead of a sort (the same numbers; the values are reordered). */
function summarizeValues(values: Float64Array): TimeInState {
  const median = percentileOf(values, values.length, 0.5);
  return { medianHours: round2(median), p90Hours: round2(percentileOf(values, values.length, 0.9, 0.5)), n: values.length };
}

/**
 * Each editor's and admin's load. "Awaiting" asks the workflow's own rules (canReviewClaim,
 * canVerifyClaim) about each group of open claims that share the facts the rules weigh, so the counts
 * are exact on any desk size without a rule re-coded in SQL.
 */
function personLoads(people: Awaited<ReturnType<StatsReads["people"]>>, { groups, assigned }: OpenClaims): PersonLoad[] {
  const loads: PersonLoad[] = [];
  for (const person of people) {
    const canSignOff = person.role !== "reporter" && !person.disabled;
    if (!canSignOff && !(assigned.get(person.id)! > 0)) continue;
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
