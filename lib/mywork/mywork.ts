import { and, asc, eq, gt, inArray, ne, sql, type Placeholder } from "drizzle-orm";
import { preparedPerConnection, type DbExecutor } from "@/db/client"; // sqlite-branch
import { engineOf, tablesOf, type Tables } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import type { ClaimState, Verdict } from "@/lib/core/vocabulary";
import { articleTitles } from "@/lib/articles/facts";
import { loadDeadlineSettings } from "@/lib/deadlines/settings";
import { claimDeadline, type ClaimDeadline } from "@/lib/deadlines/status";
import { listFollowedChanges, type FollowedChange } from "@/lib/follows/follows";
import { claimRowsByIds, signoffFactsOf, signoffTrailsOf } from "@/lib/workflow/queries";
import { currentReturn, enteredStateAt, reviewerOfRound, roundSignoffs } from "@/lib/workflow/read-model";
import { canReviewClaim, canVerifyClaim, TRANSITIONS, type ClaimFacts } from "@/lib/workflow/rules";
import type { SignoffView } from "@/lib/workflow/types";

/*
 * "My work": the claims waiting for one person, by use case. Who may review or verify is decided by
 * the workflow's own rules (canReviewClaim / canVerifyClaim), row by row: SQL only narrows the desk to
 * a cheap superset (the states the transition leaves from, someone else's claims) read in queue order
 * through the state and submitter indexes, and the rule then weighs each candidate with the facts the
 * read model derives from its sign-offs. mywork.test.ts proves the narrowing never drops a claim the
 * rule allows.
 */

type WorkActor = Pick<Actor, "id" | "role">;

/** At most this many candidates are weighed per section, so a 100k-claim desk costs the same as a small one. */
export const SCAN_LIMIT = 200;
export const SECTION_LIMIT = 20;

export interface MyWorkItem {
  id: number;
  text: string;
  state: ClaimState;
  verdict: Verdict | null;
  version: number;
  round: number;
  articleId: number | null;
  articleTitle: string | null;
  submitterId: number;
  submitterName: string;
  assigneeId: number | null;
  assigneeName: string | null;
  /** Who signed the review of the current round. */
  reviewerId: number | null;
  reviewerName: string | null;
  /** When the claim entered its current state (its latest sign-off): how long it has waited. */
  waitingSince: string;
  /** The return that began the current round, while the claim is still the draft it sent back. */
  returned: { byId: number; byName: string; at: string; note: string } | null;
  /** When the check is due (UTC); null: none set. */
  dueAt: string | null;
  /** Its deadline at the time of reading (due date or the state's target; lib/deadlines), for the overdue / due soon badges. */
  deadline: ClaimDeadline | null;
}

export interface MyWorkSection {
  items: MyWorkItem[];
  /** How many claims belong here; a lower bound when `countIsLowerBound` (more than SCAN_LIMIT candidates). */
  count: number;
  countIsLowerBound: boolean;
}

export interface SectionOptions {
  /** Items to show (the count covers more). */
  limit?: number;
  /** Candidates to weigh; tests lower it to reach the bound. */
  scanLimit?: number;
  /** The clock deadlines are judged by (default: now). */
  now?: Date;
}

type SignoffFacts = Pick<SignoffView, "action" | "round" | "userId" | "createdAt">;

interface Candidate {
  id: number;
  trail: SignoffFacts[];
  facts: ClaimFacts;
}

/**
 * Weighs the candidates `where` selects (oldest first, at most scanLimit + 1, on narrow rows: only
 * what the rules and the read model need), keeps those `keep` allows, and reads in full only the
 * ones shown: those that have waited longest.
 */
async function section(db: DbExecutor, candidates: CandidateQuery, actor: WorkActor, keep: (candidate: Candidate) => boolean, options: SectionOptions = {}): Promise<MyWorkSection> {
  const limit = options.limit ?? SECTION_LIMIT;
  const scanLimit = options.scanLimit ?? SCAN_LIMIT;
  const rows =
    engineOf(db) === "sqlite"
      ? statements(db)[candidates].all({ me: actor.id, limit: scanLimit + 1 }) // sqlite-branch
      : await candidatesOf(db, WHERE[candidates](tablesOf(db).claims, actor.id)).limit(scanLimit + 1);
  const more = rows.length > scanLimit;
  const weighed = more ? rows.slice(0, scanLimit) : rows;
  const trails = await signoffFactsOf(db, weighed.map((row) => row.id));
  const kept: Array<{ id: number; since: string }> = [];
  for (const row of weighed) {
    const trail = trails.get(row.id) ?? [];
    const facts: ClaimFacts = { state: row.state, submitterId: row.submitterId, currentReviewerId: reviewerOfRound(trail, row.round) };
    if (keep({ id: row.id, trail, facts })) kept.push({ id: row.id, since: enteredStateAt(trail) ?? row.createdAt });
  }
  kept.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.id - b.id));
  const shown = kept.slice(0, limit);
  const since = new Map(shown.map((item) => [item.id, item.since]));
  const full = await claimRowsByIds(db, shown.map((item) => item.id));
  const fullTrails = await signoffTrailsOf(db, shown.map((item) => item.id));
  const titles = await articleTitles(db, [...new Set(full.map((row) => row.articleId).filter((id): id is number => id != null))]);
  const deadlineSettings = await loadDeadlineSettings(db);
  const now = options.now ?? new Date();
  return {
    count: kept.length,
    countIsLowerBound: more,
    items: full.map((row) => {
      const trail = fullTrails.get(row.id) ?? [];
      const review = roundSignoffs(trail, row.round).review;
      const returned = currentReturn(trail);
      return {
        id: row.id,
        text: row.text,
        state: row.state,
        verdict: row.verdict,
        version: row.version,
        round: row.round,
        articleId: row.articleId,
        articleTitle: row.articleId != null ? (titles.get(row.articleId) ?? null) : null,
        submitterId: row.submitterId,
        submitterName: row.submitterName,
        assigneeId: row.assigneeId,
        assigneeName: row.assigneeName,
        reviewerId: review?.userId ?? null,
        reviewerName: review?.userName ?? null,
        waitingSince: since.get(row.id)!,
        returned: returned ? { byId: returned.userId, byName: returned.userName, at: returned.createdAt, note: returned.note } : null,
        dueAt: row.dueAt,
        deadline: claimDeadline(row, deadlineSettings, now),
      };
    }),
  };
}

/** The states a claim still needs work in: every state some transition leaves from, except the end of the line. */
const OPEN_STATES = [...new Set([...TRANSITIONS.review.from, ...TRANSITIONS.verify.from])];

const p = sql.placeholder;

type Claims = Tables["claims"];
type Me = number | Placeholder;

/** The SQL supersets over the engine's claims table, for me (a value, or SQLite's placeholder). */
const WHERE = {
  /** Claims assigned to me that are not yet verified. */
  assigned: (claims: Claims, me: Me) => and(eq(claims.assigneeId, me), inArray(claims.state, OPEN_STATES)),
  /** A state review leaves from, someone else's claim: a superset of what canReviewClaim allows. */
  review: (claims: Claims, me: Me) => and(inArray(claims.state, [...TRANSITIONS.review.from]), ne(claims.submitterId, me)),
  /** A state verify leaves from, someone else's claim: a superset of what canVerifyClaim allows. */
  verify: (claims: Claims, me: Me) => and(inArray(claims.state, [...TRANSITIONS.verify.from]), ne(claims.submitterId, me)),
  /** My drafts past round 1: a return starts a new round, so every returned draft is among them. */
  returned: (claims: Claims, me: Me) => and(eq(claims.submitterId, me), eq(claims.state, TRANSITIONS.return.to), gt(claims.round, 1)),
};
type CandidateQuery = keyof typeof WHERE;

/** The candidates' narrow rows in queue order (oldest first), through the state and submitter indexes. */
function candidatesOf(db: DbExecutor, where: ReturnType<(typeof WHERE)[CandidateQuery]>) {
  const { claims } = tablesOf(db);
  return db
    .select({ id: claims.id, state: claims.state, submitterId: claims.submitterId, round: claims.round, createdAt: claims.createdAt })
    .from(claims)
    .where(where)
    .orderBy(asc(claims.createdAt), asc(claims.id));
}

/** SQLite: the supersets prepared once per connection (drizzle rebuilding them cost more than running them). */
const statements = preparedPerConnection((db: DbExecutor) => { // sqlite-branch
  const { claims } = tablesOf(db);
  const candidates = (query: CandidateQuery) => candidatesOf(db, WHERE[query](claims, p("me"))).limit(p("limit")).prepare(); // sqlite-branch
  return { assigned: candidates("assigned"), review: candidates("review"), verify: candidates("verify"), returned: candidates("returned") };
});

/** Claims assigned to me that are not yet verified. */
export function listAssignedToMe(db: DbExecutor, actor: WorkActor, options?: SectionOptions): Promise<MyWorkSection> {
  return section(db, "assigned", actor, () => true, options);
}

/** Drafts I may review, as canReviewClaim (four-eyes) decides. */
export function listDraftsToReview(db: DbExecutor, actor: WorkActor, options?: SectionOptions): Promise<MyWorkSection> {
  return section(db, "review", actor, ({ facts }) => canReviewClaim(facts, actor).allowed, options);
}

/** Reviewed claims I may verify, as canVerifyClaim (two-person rule) decides. */
export function listClaimsToVerify(db: DbExecutor, actor: WorkActor, options?: SectionOptions): Promise<MyWorkSection> {
  return section(db, "verify", actor, ({ facts }) => canVerifyClaim(facts, actor).allowed, options);
}

/** My claims an editor sent back to draft that still wait for me, each with the return's reason. */
export function listMyReturnedDrafts(db: DbExecutor, actor: WorkActor, options?: SectionOptions): Promise<MyWorkSection> {
  return section(db, "returned", actor, ({ trail }) => currentReturn(trail) !== null, options);
}

export interface FollowedSection {
  items: FollowedChange[];
  count: number;
  countIsLowerBound: boolean;
}

/** Claims I follow that changed since I last saw them, most recent change first (H2's follows read). */
export async function listFollowedChanged(db: DbExecutor, actor: WorkActor, options: SectionOptions = {}): Promise<FollowedSection> {
  const limit = options.limit ?? SECTION_LIMIT;
  const scanLimit = options.scanLimit ?? SCAN_LIMIT;
  const changes = await listFollowedChanges(db, actor.id, scanLimit + 1);
  const more = changes.length > scanLimit;
  return { items: changes.slice(0, limit), count: Math.min(changes.length, scanLimit), countIsLowerBound: more };
}
