import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/core/actor";
import { decodeCursor, encodeCursor, staleCursor } from "@/lib/core/cursor";
import type { Citation } from "@/db/schema";
import { engineOf, tablesOf } from "@/db/tables";
import { claimTextMatches } from "@/lib/core/search-pg";
import { CLAIM_STATES, type ClaimState } from "@/lib/core/vocabulary";
import { ok, type Result } from "@/lib/core/result";
import {
  claimFiltersSchema,
  DEFAULT_PAGE_SIZE,
  pageSchema,
  type ClaimFilters,
  type PageInput,
} from "@/lib/validations/claims";
import { deadlineCondition, deadlineCountsByState, deadlineIds } from "@/lib/deadlines/conditions";
import { loadDeadlineSettings } from "@/lib/deadlines/settings";
import { citationsFirstSigned, reviewerOfRound, roundSignoffs, verdictStands } from "./read-model";
import { canReviewClaim, canVerifyClaim, TRANSITIONS, type ClaimFacts } from "./rules";
import {
  citationsOfClaims,
  claimArticle,
  claimDetailRows,
  claimRowsOf,
  claimStatesOf,
  selectClaims,
  signoffFactsOfClaims,
  signoffLinksOfClaims,
  signoffsOfClaims,
  verifiedClaimsOfArticle,
} from "./statements";
import { parseInput } from "@/lib/core/parse";
import { type DbExecutor } from "@/db/client";
import type { ClaimCounts, ClaimDetail, ClaimListItem, ClaimPage, ClaimRowPage, ClaimRowView, CitationView, SignoffView } from "./types";

type ClaimRow = ClaimRowView;
type SignoffRow = Omit<SignoffView, "citationIds"> & { claimId: number };

function citationView(citation: Citation): CitationView {
  return {
    id: citation.id,
    claimId: citation.claimId,
    kind: citation.kind,
    url: citation.url,
    documentRef: citation.documentRef,
    title: citation.title,
    publisher: citation.publisher,
    quote: citation.quote,
    quoteHash: citation.quoteHash,
    accessedAt: citation.accessedAt,
    articleId: citation.articleId,
    quoteStart: citation.quoteStart,
    quoteEnd: citation.quoteEnd,
    addedById: citation.addedById,
    createdAt: citation.createdAt,
  };
}

/** Sign-off rows grouped by claim, oldest first, each with the citations it rests on. */
function signoffsByClaim(signoffRows: SignoffRow[], links: ReadonlyArray<{ signoffId: number; citationId: number }>): Map<number, SignoffView[]> {
  const citationIdsBySignoff = new Map<number, number[]>();
  for (const link of links) pushTo(citationIdsBySignoff, link.signoffId, link.citationId);
  const byClaim = new Map<number, SignoffView[]>();
  for (const { claimId, ...signoff } of signoffRows) {
    pushTo(byClaim, claimId, { ...signoff, citationIds: citationIdsBySignoff.get(signoff.id) ?? [] });
  }
  return byClaim;
}

/** Puts claim rows together with their citations, sign-offs (with the citations each rests on) and current reviewer. */
function assemble(
  rows: ClaimRow[],
  citationRows: Citation[],
  signoffRows: SignoffRow[],
  links: ReadonlyArray<{ signoffId: number; citationId: number }>,
): ClaimListItem[] {
  const citationsByClaim = new Map<number, CitationView[]>();
  for (const citation of citationRows) pushTo(citationsByClaim, citation.claimId, citationView(citation));
  const signoffsOf = signoffsByClaim(signoffRows, links);
  return rows.map((row) => {
    const claimSignoffs = signoffsOf.get(row.id) ?? [];
    return {
      ...row,
      currentReviewerId: reviewerOfRound(claimSignoffs, row.round),
      citations: citationsByClaim.get(row.id) ?? [],
      signoffs: claimSignoffs,
    };
  });
}

/** Adds citations, sign-offs and the current reviewer to claim rows, in three queries whatever the count. */
async function withCitationsAndSignoffs(db: DbExecutor, rows: ClaimRow[]): Promise<ClaimListItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const citationRows = await citationsOfClaims(db, ids);
  const signoffRows = await signoffsOfClaims(db, ids);
  return assemble(rows, citationRows, signoffRows, await signoffLinksOfClaims(db, ids));
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** One claim in full (on SQLite from statements prepared once per connection): every mutation answers with it. */
export async function getClaimDetail(db: DbExecutor, id: number): Promise<ClaimDetail | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const read = await claimDetailRows(db, id);
  if (!read) return null;
  const [item] = assemble([read.row], read.citations, read.signoffs, read.links);
  return {
    ...item,
    articleTitle: read.article?.title ?? null,
    revisions: read.revisions,
    assignments: read.assignments,
    dueChanges: read.dueChanges,
  };
}

/**
 * The verified claims of an article, oldest first, in full (citations and sign-offs): what a summary
 * of the article would publish right now. Publishing reads them here rather than from the tables.
 */
export async function listVerifiedClaimsOfArticle(db: DbExecutor, articleId: number): Promise<ClaimListItem[]> {
  if (!Number.isSafeInteger(articleId) || articleId < 1) return [];
  return withCitationsAndSignoffs(db, await verifiedClaimsOfArticle(db, articleId));
}

/**
 * Of verdicts published as `{ id, round }`, the claims whose verdict no longer stands (read-model.ts
 * `verdictStands`): returned since, whatever state they are in now, or gone.
 */
export async function claimsReopenedSince(db: DbExecutor, published: ReadonlyArray<{ id: number; round: number }>): Promise<Set<number>> {
  const reopened = new Set<number>();
  if (published.length === 0) return reopened;
  const live = await claimStatesOf(db, published.map((claim) => claim.id));
  const byId = new Map(live.map((row) => [row.id, row]));
  for (const claim of published) if (!verdictStands(byId.get(claim.id), claim.round)) reopened.add(claim.id);
  return reopened;
}

/** When a sign-off first rested on each citation of these claims (read-model.ts `citationsFirstSigned`). */
export async function citationsFirstSignedOfClaims(db: DbExecutor, claimIds: readonly number[]): Promise<Map<number, string>> {
  if (claimIds.length === 0) return new Map();
  const signoffRows = await signoffsOfClaims(db, claimIds);
  const byClaim = signoffsByClaim(signoffRows, await signoffLinksOfClaims(db, claimIds));
  return citationsFirstSigned([...byClaim.values()].flat());
}

/**
 * Each claim's sign-offs, oldest first, without the citations they rest on: what the read model needs
 * to say who reviewed the round, when the claim entered its state and why it was returned. Two
 * queries' worth of rows for any number of claims (the ids travel as one JSON parameter).
 */
export async function signoffTrailsOf(db: DbExecutor, claimIds: readonly number[]): Promise<Map<number, SignoffView[]>> {
  if (claimIds.length === 0) return new Map();
  return signoffsByClaim(await signoffsOfClaims(db, claimIds), []);
}

/** Each claim's sign-offs reduced to what the rules and read model weigh (action, round, who, when), oldest first. */
export async function signoffFactsOf(db: DbExecutor, claimIds: readonly number[]): Promise<Map<number, Array<Pick<SignoffView, "action" | "round" | "userId" | "createdAt">>>> {
  const byClaim = new Map<number, Array<Pick<SignoffView, "action" | "round" | "userId" | "createdAt">>>();
  if (claimIds.length === 0) return byClaim;
  for (const { claimId, ...signoff } of await signoffFactsOfClaims(db, claimIds)) pushTo(byClaim, claimId, signoff);
  return byClaim;
}

/** Who reviewed the current round of each row (read-model.ts `roundSignoffs`), by claim id; absent before a review. */
export async function reviewersOfRows(db: DbExecutor, rows: ReadonlyArray<{ id: number; round: number }>): Promise<Map<number, { id: number; name: string }>> {
  const trails = await signoffTrailsOf(db, rows.map((row) => row.id));
  const reviewers = new Map<number, { id: number; name: string }>();
  for (const row of rows) {
    const review = roundSignoffs(trails.get(row.id) ?? [], row.round).review;
    if (review) reviewers.set(row.id, { id: review.userId, name: review.userName });
  }
  return reviewers;
}

/** Claim rows by id, in the order asked (unknown ids left out). */
export async function claimRowsByIds(db: DbExecutor, claimIds: readonly number[]): Promise<ClaimRowView[]> {
  if (claimIds.length === 0) return [];
  const rows = await claimRowsOf(db, claimIds);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return claimIds.flatMap((id) => byId.get(id) ?? []);
}

/** The article a claim was taken from; null for a claim without one, or no such claim. */
export async function getClaimArticleId(db: DbExecutor, claimId: number): Promise<number | null> {
  if (!Number.isSafeInteger(claimId) || claimId < 1) return null;
  return (await claimArticle(db, claimId))?.articleId ?? null;
}

/**
 * Turns free text into a safe FTS5 query: every term is quoted (so `"`, `*`, `-`, `AND`, `NEAR(`
 * and friends are plain words) and the terms are ANDed. Terms without a letter or digit are dropped;
 * null when nothing searchable is left.
 */
export function toFtsQuery(q: string): string | null {
  const terms = q
    .split(/\s+/)
    .map((term) => term.replace(/"/g, ""))
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, 16);
  return terms.length > 0 ? terms.map((term) => `"${term}"`).join(" ") : null;
}

/** An FTS5 expression for the search `terms` (from toFtsQuery) in the claim text, optionally in one state. */
function searchExpression(terms: string, state?: ClaimState): string {
  return state ? `(text : (${terms})) AND state : ${state}` : `text : (${terms})`;
}

/** SQLite: how many claims match, counting no further than `atMost` when given (enough to choose a plan). */
function countMatches(db: DbExecutor, expression: string, atMost?: number): number {
  const matches = atMost === undefined
    ? sql`SELECT rowid FROM claims_fts WHERE claims_fts MATCH ${expression}`
    : sql`SELECT rowid FROM claims_fts WHERE claims_fts MATCH ${expression} LIMIT ${atMost}`;
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${matches})`)?.n ?? 0; // sqlite-branch
}

/** PostgreSQL: how many claims match the search `q` (lib/core/search-pg.ts, the claims_search GIN index), optionally in one state. */
async function countMatchesPg(db: DbExecutor, q: string, state?: ClaimState): Promise<number> {
  const { claims } = tablesOf(db);
  const [row] = await db
    .select({ n: sql`count(*)`.mapWith(Number) })
    .from(claims)
    .where(and(claimTextMatches(claims.text, q), state ? eq(claims.state, state) : undefined));
  return row?.n ?? 0;
}

/** Past this many matches, walking a page in sort order and keeping the matches beats sorting every match. */
const COMMON_SEARCH = 1000;

function searchCondition(db: DbExecutor, q: string): SQL {
  const { claims } = tablesOf(db);
  // PostgreSQL: the tsvector search with the same semantics; its planner chooses between the GIN index and the order's own.
  if (engineOf(db) === "postgres") return claimTextMatches(claims.text, q);
  const terms = toFtsQuery(q);
  // A search of punctuation alone has no words to find: it matches nothing rather than everything.
  if (!terms) return sql`0`;
  const expression = searchExpression(terms);
  const matching = sql`IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ${expression})`;
  // Few matches: look them up by id and sort them. Many: the unary plus keeps SQLite from looking every
  // match up by id, so it reads the sort order's index and stops once the page is full.
  return countMatches(db, expression, COMMON_SEARCH + 1) > COMMON_SEARCH ? sql`+${claims.id} ${matching}` : sql`${claims.id} ${matching}`;
}

/** The deadline filter asked for: `deadline`, or the issue's `overdue=true`. */
function deadlineFilterOf(filters: ClaimFilters): ClaimFilters["deadline"] {
  return filters.deadline ?? (filters.overdue ? "overdue" : undefined);
}

async function filterConditions(db: DbExecutor, filters: ClaimFilters, options: { includeState: boolean; now?: Date; forCount?: boolean }): Promise<SQL[]> {
  const { claims } = tablesOf(db);
  const conditions: SQL[] = [];
  const deadline = deadlineFilterOf(filters);
  let fewDeadlineMatches = false;
  if (deadline) {
    const settings = await loadDeadlineSettings(db);
    const now = options.now ?? new Date();
    if (options.forCount) {
      // A count looks every match up by id.
      conditions.push(sql`${claims.id} IN (${deadlineIds(settings, now, deadline)})`);
    } else {
      // A page may walk its order instead (deadlineCondition decides).
      const chosen = await deadlineCondition(db, settings, now, deadline);
      conditions.push(chosen.condition);
      fewDeadlineMatches = !chosen.common;
    }
  }
  if (options.includeState && filters.state) {
    // Few deadline matches are looked up by id: the unary plus keeps SQLite from walking the whole state tab's index to test each claim against them.
    conditions.push(fewDeadlineMatches && engineOf(db) === "sqlite" ? sql`+${claims.state} = ${filters.state}` : eq(claims.state, filters.state));
  }
  if (filters.articleId != null) conditions.push(eq(claims.articleId, filters.articleId));
  if (filters.assigneeId === "none") conditions.push(isNull(claims.assigneeId));
  else if (filters.assigneeId != null) conditions.push(eq(claims.assigneeId, filters.assigneeId));
  if (filters.submitterId != null) conditions.push(eq(claims.submitterId, filters.submitterId));
  if (filters.verdict) conditions.push(eq(claims.verdict, filters.verdict));
  if (filters.q) conditions.push(searchCondition(db, filters.q));
  return conditions;
}

const CLAIM_POSITION = ["string", "id"] as const; // the sort key (createdAt, or the due order's key), id

/** Where claims without a due date go in the "due" order: after every real date. */
export const NO_DUE_DATE_KEY = "9999-12-31T23:59:59.999Z";
/** The "due" order's key; the very expression of the claims_due_order index, so a page reads it in order. */
const DUE_ORDER = sql`coalesce(due_at, '9999-12-31T23:59:59.999Z')`;

/** A row's position in a sort order, as its cursor holds it (for a caller building a cursor at a claim, e.g. the view navigation). */
export function claimSortPosition(row: { createdAt: string; dueAt: string | null; id: number }, sort: ClaimFilters["sort"] = "oldest"): [string, number] {
  return [sort === "due" ? (row.dueAt ?? NO_DUE_DATE_KEY) : row.createdAt, row.id];
}

/**
 * One page of claims, oldest first unless `sort: "newest"`. Pass `nextCursor` back as `cursor` for
 * the following page and `prevCursor` for the one before; both are opaque and tied to the sort order
 * (filters should stay the same). `prevCursor` is null on the first page.
 */
export async function listClaims(db: DbExecutor, filters: ClaimFilters = {}, page: PageInput = {}, viewer: ListViewer = {}): Promise<Result<ClaimPage>> {
  const rows = await listClaimRows(db, filters, page, viewer);
  if (!rows.ok) return rows;
  return ok({ ...rows.value, data: await withCitationsAndSignoffs(db, rows.value.data) });
}

/** Who a list is for, when a filter depends on it (`actionableBy`: only claims they may review or verify now). */
export interface ListViewer {
  actionableBy?: Pick<Actor, "id" | "role">;
  /** The clock the deadline filter judges by (default: now); tests pass their own. */
  now?: Date;
}

/**
 * The SQL superset of the claims `actor` may act on (review or verify): a state one of those
 * transitions leaves from, submitted by someone else. The rules then decide each row (mayActOn);
 * queries.test.ts proves the narrowing drops nothing they allow.
 */
function actionableSuperset(db: DbExecutor, actor: Pick<Actor, "id">): SQL {
  const { claims } = tablesOf(db);
  if (engineOf(db) === "postgres") return and(ne(claims.submitterId, actor.id), inArray(claims.state, ACTIONABLE_STATES))!;
  // The unary plus keeps SQLite off the state index for this IN (which would sort every draft and
  // reviewed claim): it walks the page's order instead and stops when the page is full. A state tab
  // still reads its own state's index.
  return and(ne(claims.submitterId, actor.id), sql`+${claims.state} IN ${ACTIONABLE_STATES}`)!;
}

/** The states a review or a verify leaves from. */
const ACTIONABLE_STATES: ClaimState[] = [...new Set([...TRANSITIONS.review.from, ...TRANSITIONS.verify.from])];

/** Whether the rules let `actor` take a claim forward now: review it (four-eyes) or verify it (two-person). */
function mayActOn(facts: ClaimFacts, actor: Pick<Actor, "id" | "role">): boolean {
  return canReviewClaim(facts, actor).allowed || canVerifyClaim(facts, actor).allowed;
}

/** Keeps the rows `actor` may act on, reading the reviewer of each row's round from its sign-offs. */
async function actionableRows<R extends { id: number; state: ClaimState; submitterId: number; round: number }>(db: DbExecutor, rows: R[], actor: Pick<Actor, "id" | "role">): Promise<R[]> {
  const trails = await signoffFactsOf(db, rows.map((row) => row.id));
  return rows.filter((row) =>
    mayActOn({ state: row.state, submitterId: row.submitterId, currentReviewerId: reviewerOfRound(trails.get(row.id) ?? [], row.round) }, actor),
  );
}

/** An actionable page reads at most this many batches of candidates before it stops looking. */
const ACTIONABLE_PASSES = 10;

/**
 * The same page as listClaims (filters, order, cursors), rows only: no citations, sign-offs or
 * current reviewer, so a table of claims costs one query per page (a few when `actionableBy` asks
 * the rules about each candidate).
 */
export async function listClaimRows(db: DbExecutor, filters: ClaimFilters = {}, page: PageInput = {}, viewer: ListViewer = {}): Promise<Result<ClaimRowPage>> {
  const parsedFilters = parseInput(claimFiltersSchema, filters);
  if (!parsedFilters.ok) return parsedFilters;
  const parsedPage = parseInput(pageSchema, page);
  if (!parsedPage.ok) return parsedPage;
  const { cursor: rawCursor, limit = DEFAULT_PAGE_SIZE } = parsedPage.value;
  const sort = parsedFilters.value.sort ?? "oldest";

  const conditions = await filterConditions(db, parsedFilters.value, { includeState: true, now: viewer.now });
  const actor = viewer.actionableBy;
  if (actor) conditions.push(actionableSuperset(db, actor));
  const cursor = rawCursor ? decodeCursor(rawCursor, sort, CLAIM_POSITION) : null;
  if (rawCursor && !cursor) return staleCursor();
  // A backwards page walks the sort order in reverse from its cursor, then is turned round for display.
  const backwards = cursor?.before ?? false;
  const ascending = (sort !== "newest") !== backwards;
  const read = (position: readonly [string, number] | undefined, count: number) => readInOrder(db, conditions, sort, ascending, position, count);

  let rows: ClaimRow[];
  let exhausted = true;
  const start: readonly [string, number] | undefined = cursor ? [cursor.position[0], cursor.position[1]] : undefined;
  if (!actor) rows = await read(start, limit + 1);
  else {
    // The rules decide each candidate, so read batches until the page (and one more) is full.
    rows = [];
    let position: readonly [string, number] | undefined = start;
    const batch = (limit + 1) * 2;
    for (let pass = 0; rows.length <= limit; pass++) {
      if (pass === ACTIONABLE_PASSES) {
        exhausted = false;
        break;
      }
      const candidates = await read(position, batch);
      rows.push(...(await actionableRows(db, candidates, actor)));
      if (candidates.length < batch) break;
      position = claimSortPosition(candidates.at(-1)!, sort);
    }
  }
  const more = rows.length > limit || !exhausted;
  const pageRows = backwards ? rows.slice(0, limit).reverse() : rows.slice(0, limit);
  const first = pageRows.at(0);
  const last = pageRows.at(-1);
  const at = (row: ClaimRow, before: boolean) => encodeCursor({ order: sort, position: claimSortPosition(row, sort), before });
  // Forwards: more rows means a next page, and having come from a cursor means a previous one. Backwards: the reverse.
  const nextCursor = last && (backwards || more) ? at(last, false) : null;
  const prevCursor = first && (backwards ? more : cursor !== null) ? at(first, true) : null;
  return ok({ data: pageRows, nextCursor, prevCursor });
}

/**
 * Up to `count` claim rows under `conditions`, in the sort order (or its reverse), after `position`
 * (a row's claimSortPosition). The keyset is written `key >= ? AND (key > ? OR id > ?)` so SQLite
 * seeks to the position in the order's index rather than walking every entry before it.
 */
async function readInOrder(db: DbExecutor, conditions: SQL[], sort: ClaimFilters["sort"], ascending: boolean, position: readonly [string, number] | undefined, count: number): Promise<ClaimRow[]> {
  const { claims } = tablesOf(db);
  const [beyond, atLeast] = ascending ? [gt, gte] : [lt, lte];
  const key: SQL = sort === "due" ? DUE_ORDER : sql`${claims.createdAt}`;
  const after = position ? and(atLeast(key, position[0]), or(beyond(key, position[0]), beyond(claims.id, position[1]))) : undefined;
  const direction = ascending ? asc : desc;
  return selectClaims(db)
    .where(and(...conditions, after))
    .orderBy(direction(key), direction(claims.id))
    .limit(count);
}

/**
 * Every claim row listClaimRows would page through for these filters, in its order, `batch` rows per
 * query (each batch seeks from the previous one's last row), for exports that stream the whole view.
 * With `actionableBy` the rules weigh every candidate (no pass limit: an export is every row). Yields
 * nothing for filters that do not parse (the caller validated them already).
 */
export async function* claimRowBatches(db: DbExecutor, filters: ClaimFilters = {}, viewer: ListViewer = {}, batch = 1000): AsyncGenerator<ClaimRowView[]> {
  const parsed = parseInput(claimFiltersSchema, filters);
  if (!parsed.ok) return;
  const sort = parsed.value.sort ?? "oldest";
  const conditions = await filterConditions(db, parsed.value, { includeState: true, now: viewer.now });
  const actor = viewer.actionableBy;
  if (actor) conditions.push(actionableSuperset(db, actor));
  let position: readonly [string, number] | undefined;
  for (;;) {
    const rows = await readInOrder(db, conditions, sort, sort !== "newest", position, batch);
    if (rows.length === 0) return;
    const kept = actor ? await actionableRows(db, rows, actor) : rows;
    if (kept.length > 0) yield kept;
    if (rows.length < batch) return;
    position = claimSortPosition(rows.at(-1)!, sort);
  }
}

/** At most this many candidates are weighed for the tab counts of an actionable list. */
export const ACTIONABLE_COUNT_LIMIT = 200;

/** How many claims are in each state under the same filters; the `state` filter itself is ignored (these are tab counts). */
export async function countClaimsByState(db: DbExecutor, filters: ClaimFilters = {}, viewer: ListViewer = {}): Promise<ClaimCounts> {
  const { claims, claimStateCounts } = tablesOf(db);
  const counts: ClaimCounts = { draft: 0, reviewed: 0, verified: 0, total: 0 };
  if (viewer.actionableBy) return countActionable(db, filters, viewer.actionableBy, viewer.now);
  const { state: _tab, sort: _sort, q, ...others } = filters;
  // The deadline filter alone: counted per state in its own index ranges, without reading a claim.
  const deadline = deadlineFilterOf(filters);
  const { deadline: _deadline, overdue: _overdue, ...beyondDeadline } = others;
  if (deadline && !q && Object.values(beyondDeadline).every((value) => value == null)) {
    for (const row of await deadlineCountsByState(db, await loadDeadlineSettings(db), viewer.now ?? new Date(), deadline)) {
      counts[row.state] = row.count;
      counts.total += row.count;
    }
    return counts;
  }
  const filteredBeyondSearch = Object.values(others).some((value) => value != null);
  const terms = q ? toFtsQuery(q) : null;
  if (q && !terms) return counts;
  // A search alone: lookups in the search index, which carries each claim's state. Every match is in
  // one of the three states (only the domain functions write claims), so verified is what draft and
  // reviewed leave of the total; the unfiltered count is cheaper than a third state-filtered one.
  if (terms && !filteredBeyondSearch && engineOf(db) === "postgres") {
    counts.total = await countMatchesPg(db, q!);
    counts.draft = await countMatchesPg(db, q!, "draft");
    counts.reviewed = await countMatchesPg(db, q!, "reviewed");
    counts.verified = counts.total - counts.draft - counts.reviewed;
    return counts;
  }
  if (terms && !filteredBeyondSearch) {
    counts.total = countMatches(db, searchExpression(terms));
    counts.draft = countMatches(db, searchExpression(terms, "draft"));
    counts.reviewed = countMatches(db, searchExpression(terms, "reviewed"));
    counts.verified = counts.total - counts.draft - counts.reviewed;
    return counts;
  }
  const conditions = await filterConditions(db, filters, { includeState: false, now: viewer.now, forCount: true });
  // Unfiltered, the counts kept by triggers; filtered, a count over the filter's covering index.
  const rows =
    conditions.length === 0
      ? await db.select({ state: claimStateCounts.state, count: sql`${claimStateCounts.count}`.mapWith(Number) }).from(claimStateCounts)
      : await db
          .select({ state: claims.state, count: sql`count(*)`.mapWith(Number) })
          .from(claims)
          .where(and(...conditions))
          .groupBy(claims.state);
  for (const row of rows) {
    if ((CLAIM_STATES as readonly string[]).includes(row.state)) counts[row.state] = row.count;
    counts.total += row.count;
  }
  return counts;
}

/**
 * Tab counts of the claims `actor` may act on under `filters`: per state, the rules weigh at most
 * ACTIONABLE_COUNT_LIMIT candidates (read through the state index); past that the state's count, and
 * the total, are lower bounds (`atLeast`).
 */
async function countActionable(db: DbExecutor, filters: ClaimFilters, actor: Pick<Actor, "id" | "role">, now?: Date): Promise<ClaimCounts> {
  const { claims } = tablesOf(db);
  const counts: ClaimCounts = { draft: 0, reviewed: 0, verified: 0, total: 0 };
  const { state: _tab, ...others } = filters;
  const conditions = await filterConditions(db, others, { includeState: false, now, forCount: true });
  for (const state of ACTIONABLE_STATES) {
    const candidates = await db
      .select({ id: claims.id, state: claims.state, submitterId: claims.submitterId, round: claims.round })
      .from(claims)
      .where(and(...conditions, eq(claims.state, state), actionableSuperset(db, actor)))
      .limit(ACTIONABLE_COUNT_LIMIT + 1);
    if (candidates.length > ACTIONABLE_COUNT_LIMIT) counts.atLeast = { ...counts.atLeast, [state]: true, total: true };
    counts[state] = (await actionableRows(db, candidates.slice(0, ACTIONABLE_COUNT_LIMIT), actor)).length;
    counts.total += counts[state];
  }
  return counts;
}
