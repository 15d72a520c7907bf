/*
 * Has this been checked before? (issue #13) A claim is normalised (normalize.ts), BM25 finds candidates
 * among the imported fact-checks (FTS5's ranking over factchecks_fts, from archive-index.ts) and the desk's
 * own claims (claims_fts), and the reranker trained on CLEF 2020 Task 2 (model/matching.json, features.ts) orders
 * them by a calibrated probability that the fact-check settles the claim. Read-only, synchronous, in process.
 */
import { Lru } from "@/lib/core/lru";
import type Database from "better-sqlite3";
import type { Db } from "@/db/client";
import { VERDICT_LABEL, type ClaimState, type Verdict } from "@/lib/core/vocabulary";
import { claimAnchor, orgName, publicUrl, summaryPath } from "@/lib/publish/config";
import { analyze, featureVectors, featureVectorsOfPacked, packParts, pairParts, type PairInput, type Retrieved, type TextInfo } from "./features";
import { margins, matchingModel, type MatchingModel } from "./model";
import { archiveStamp, archiveTop } from "./archive-index";
import { contentWords, ftsOrQuery, MAX_QUERY_TERMS, normalizeClaimText } from "./normalize";
import type { Match, MatchOptions } from "./types";

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 50;
/** Desk claims are fewer and shorter than an archive; this many BM25 candidates are reranked. */
const DESK_CANDIDATES = 20;

interface Statements {
  archiveTop: Database.Statement<[string, number], { id: number; bm25: number }>;
  archiveTexts: Database.Statement<[string], { id: number; claimReviewed: string; headline: string | null }>;
  archiveRows: Database.Statement<[string], ArchiveRow>;
  deskTop: Database.Statement<[string, number], { id: number; bm25: number; text: string }>;
  deskRows: Database.Statement<[string], DeskRow>;
  version: Database.Statement<[], { a: Buffer | null; f: number | null; u: string | null; e: number | null }>;
}

type ArchiveRow = { id: number } & Pick<Match, "url" | "claimReviewed" | "headline" | "rating" | "author" | "datePublished">;

interface DeskRow {
  id: number;
  text: string;
  state: ClaimState;
  verdict: Verdict | null;
  assignee: string | null;
  slug: string | null;
  publishedAt: string | null;
}

const prepared = new WeakMap<Database.Database, Statements>();

function statements(db: Db): Statements {
  const sqlite = db.$client;
  let s = prepared.get(sqlite);
  if (!s) {
    s = {
      // The archive's version also reads FTS5's averages record (row count, token totals), which any
      // insert, deletion or change of text moves, so deleting a fact-check that is not the newest drops answers too.
      version: sqlite.prepare(
        "SELECT (SELECT block FROM factchecks_fts_data WHERE id = 1) AS a, (SELECT max(id) FROM factchecks) AS f, (SELECT max(updated_at) FROM factchecks) AS u, (SELECT max(id) FROM events) AS e",
      ),
      archiveTop: sqlite.prepare("SELECT rowid AS id, -rank AS bm25 FROM factchecks_fts WHERE factchecks_fts MATCH ? ORDER BY rank LIMIT ?"),
      archiveTexts: sqlite.prepare("SELECT id, claim_reviewed AS claimReviewed, headline FROM factchecks WHERE id IN (SELECT value FROM json_each(?))"),
      archiveRows: sqlite.prepare(
        `SELECT id, url, claim_reviewed AS claimReviewed, headline, rating, author, date_published AS datePublished
           FROM factchecks WHERE id IN (SELECT value FROM json_each(?))`,
      ),
      deskTop: sqlite.prepare(
        "SELECT f.rowid AS id, -f.rank AS bm25, f.text AS text FROM claims_fts f WHERE claims_fts MATCH ? ORDER BY f.rank LIMIT ?",
      ),
      // A verified claim counts as published when the current, not withdrawn, version of its article's
      // summary carries it; its public URL is then the claim's anchor on that page.
      deskRows: sqlite.prepare(
        `SELECT c.id, c.text, c.state, c.verdict, u.name AS assignee, s.slug AS slug, p.published_at AS publishedAt
           FROM claims c
           LEFT JOIN users u ON u.id = c.assignee_id
           LEFT JOIN summaries s ON s.article_id = c.article_id AND s.withdrawn_at IS NULL AND c.state = 'verified'
           LEFT JOIN publications p ON p.summary_id = s.id AND p.version = s.current_version
                AND EXISTS (SELECT 1 FROM json_each(p.snapshot, '$.claims') j WHERE json_extract(j.value, '$.id') = c.id)
          WHERE c.id IN (SELECT value FROM json_each(?))`,
      ),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

export interface PreparedQuery {
  info: TextInfo;
  /** The content words searched for (each one phrase, OR-ed), and the same as an FTS5 query. */
  words: string[];
  fts: string | null;
}

export function prepareQuery(text: string, model: MatchingModel = matchingModel()): PreparedQuery {
  const normalized = normalizeClaimText(text);
  const words = contentWords(normalized).slice(0, MAX_QUERY_TERMS);
  return { info: analyze(normalized, model.idf, true), words, fts: ftsOrQuery(words, MAX_QUERY_TERMS) };
}

export interface ScoredCandidate {
  id: number;
  /** The reranker's linear score and its calibrated probability. */
  z: number;
  score: number;
  bm25: number;
  features: number[];
}

/**
 * The archive's BM25 top `k` for a query, with the reranker's scores, best first. Training and evaluation
 * call this too (on a database holding the CLEF fact-checks), so the model is judged on exactly this path.
 */
export function rankArchive(db: Db, query: PreparedQuery, model: MatchingModel = matchingModel(), k = model.file.candidates): ScoredCandidate[] {
  return rankArchiveReusing(db, query, model, k, null).ranked;
}

/**
 * What a query's archive ranking derived from each fact-check's text alone, by fact-check id, under the
 * index's stamp of it: each pair's PairParts, packed (features.ts, packParts).
 */
export type PairMemo = Map<number, { stamp: number; packed: Float64Array }>;

/**
 * rankArchive, reusing the parts of the features that depend on the pair alone (PairParts) from `memo`
 * for fact-checks whose indexed text has not changed since (same archive-index stamp). BM25 is always
 * computed afresh (an import moves N, the average length and document frequencies, so every score and
 * the candidate list can move), and so is everything read off the list (ranks, the top's BM25, the
 * best cosine, average field lengths, margins): the answer is the one rankArchive gives from scratch,
 * bit for bit (matcher.test.ts compares them across imports, re-imports and deletions).
 */
export function rankArchiveReusing(
  db: Db,
  query: PreparedQuery,
  model: MatchingModel,
  k: number,
  memo: PairMemo | null,
): { ranked: ScoredCandidate[]; memo: PairMemo | null; reused: number } {
  if (!query.fts) return { ranked: [], memo: null, reused: 0 };
  const s = statements(db);
  // From the in-memory index (FTS5's ranking, computed there); FTS5 itself for a word it reads as a phrase.
  const indexed = archiveTop(db, query.words, k);
  const top = indexed ?? s.archiveTop.all(query.fts, k);
  if (top.length === 0) return { ranked: [], memo: indexed ? new Map() : null, reused: 0 };
  // Stamps only exist for the in-memory index's answers; FTS5's are worked out in full.
  const stamps = indexed ? top.map((t) => archiveStamp(db, t.id)) : null;
  const reused = top.map((t, i) => {
    const kept = stamps && memo?.get(t.id);
    return kept && kept.stamp === stamps[i] ? kept.packed : null;
  });
  const missing = top.filter((_, i) => !reused[i]).map((t) => t.id);
  const fields = new Map(missing.length ? s.archiveTexts.all(JSON.stringify(missing)).map((f) => [f.id, f]) : []);
  const fresh = pairParts(
    query.info,
    missing.flatMap((id) => {
      const f = fields.get(id);
      return f ? [{ claim: analyzeCached(model, f.claimReviewed), title: f.headline ? analyzeCached(model, f.headline) : null }] : [];
    }),
  );
  const freshOf = new Map(missing.filter((id) => fields.has(id)).map((id, i) => [id, packParts(fresh[i])]));
  const candidates: { packed: Float64Array; retrieved: Retrieved }[] = [];
  const kept: typeof top = [];
  const next: PairMemo | null = stamps ? new Map() : null;
  top.forEach((t, rank) => {
    const packed = reused[rank] ?? freshOf.get(t.id);
    // A candidate whose row is gone (deleted since the index was read) is left out, its rank kept.
    if (!packed) return;
    candidates.push({ packed, retrieved: { bm25: t.bm25, rank } });
    kept.push(t);
    next?.set(t.id, { stamp: stamps![rank], packed });
  });
  return { ranked: scoreVectors(model, featureVectorsOfPacked(candidates), kept), memo: next, reused: reused.filter(Boolean).length };
}

function scorePairs(model: MatchingModel, query: TextInfo, pairs: PairInput[], rows: readonly { id: number; bm25: number }[]): ScoredCandidate[] {
  return scoreVectors(model, featureVectors(query, pairs), rows);
}

function scoreVectors(model: MatchingModel, vectors: number[][], rows: readonly { id: number; bm25: number }[]): ScoredCandidate[] {
  const z = vectors.map((v) => model.linear(v));
  const lead = margins(z);
  return rows
    .map((row, i) => ({ id: row.id, z: z[i], score: model.calibrated(z[i], lead[i]), bm25: row.bm25, features: vectors[i] }))
    .sort((a, b) => b.z - a.z || a.id - b.id);
}

// Fact-check texts are analysed once and kept (they are compared with every claim that finds them);
// keyed by the text itself, so an edited fact-check is simply a new entry. Bounded, least recently used dropped first.
const ANALYSIS_CACHE_SIZE = 20_000;
const analysisCache = new Lru<TextInfo>(ANALYSIS_CACHE_SIZE);
let analysisModel: MatchingModel | undefined;

function analyzeCached(model: MatchingModel, text: string): TextInfo {
  if (analysisModel !== model) {
    analysisCache.clear();
    analysisModel = model;
  }
  let info = analysisCache.get(text);
  if (!info) {
    info = analyze(text, model.idf);
    analysisCache.set(text, info);
  }
  return info;
}

// A claim's analysis depends on its text alone: kept, so re-matching an article's candidates after the
// archive changed (the kept answers dropped) only redoes what the data changes.
const QUERY_CACHE_SIZE = 5_000;
const queryCache = new Lru<PreparedQuery>(QUERY_CACHE_SIZE);
let queryModel: MatchingModel | undefined;

function preparedCached(text: string, model: MatchingModel): PreparedQuery {
  if (queryModel !== model) {
    queryCache.clear();
    queryModel = model;
  }
  let query = queryCache.get(text);
  if (!query) {
    query = prepareQuery(text, model);
    queryCache.set(text, query);
  }
  return query;
}

function rankDesk(db: Db, query: PreparedQuery, model: MatchingModel, excludeClaimId?: number): ScoredCandidate[] {
  if (!query.fts) return [];
  const top = statements(db)
    .deskTop.all(`text : (${query.fts})`, DESK_CANDIDATES + 1)
    .filter((t) => t.id !== excludeClaimId)
    .slice(0, DESK_CANDIDATES);
  if (top.length === 0) return [];
  // A desk claim is its own headline: fact-check headlines restate the claim, which is what the model learnt.
  const pairs = top.map((t, rank): PairInput => {
    const info = analyzeCached(model, t.text);
    return { claim: info, title: info, retrieved: { bm25: t.bm25, rank } };
  });
  return scorePairs(model, query.info, pairs, top);
}

function deskUrl(row: DeskRow): string {
  const base = publicUrl();
  return row.slug && row.publishedAt ? `${base}${summaryPath(row.slug)}#${claimAnchor(row.id)}` : `${base}/claims/${row.id}`;
}

/*
 * Answers are kept per (text, options) until the data they were read from moves: the archive (its
 * newest id and latest update, both index reads) or the desk (the outbox's last event id: every claim,
 * assignment and publication change records one). An article page asks the same sentences on every view.
 *
 * On a busy desk the outbox moves every few seconds while the archive stays put for days, so the
 * archive's ranking of a text (the costly part: candidates, their analyses, the reranker) is kept on
 * its own, by the archive's version alone; a desk change then redoes only the desk's few candidates.
 */
const ANSWER_CACHE_SIZE = 5_000;
const answersOf = new WeakMap<Database.Database, Lru<{ version: string; matches: Match[] }>>();

interface DataVersion {
  archive: string;
  desk: string;
  all: string;
}

function dataVersion(db: Db): DataVersion {
  const row = statements(db).version.get()!;
  const archive = `${row.a ? row.a.toString("hex") : ""}:${row.f}:${row.u}`;
  const desk = String(row.e);
  return { archive, desk, all: `${archive}:${desk}` };
}

type RankedArchive = ReadonlyArray<Pick<ScoredCandidate, "id" | "score">>;
const ARCHIVE_RANKING_CACHE_SIZE = 5_000;
const archiveRankingsOf = new WeakMap<Database.Database, Lru<{ version: string; ranked: RankedArchive }>>();
const archiveRankingCounts = { kept: 0, computed: 0 };

/** How often the archive's ranking of a text was reused and computed since the process began (tests read it). */
export function archiveRankingStats(): { kept: number; computed: number } {
  return { ...archiveRankingCounts };
}

/*
 * When the archive changes, a kept ranking is worked out again, but from each of its pairs' PairParts
 * (cosines, coverage, names and numbers: the costly part of the reranker, which depends on the two texts
 * alone), so the first article view after an import costs the fresh BM25 lists plus the new fact-checks'
 * pairs. Kept for fewer texts than the rankings (a memo is 50 pairs: ~14 MB at 1,000 texts, measured with CLEF tweets),
 * and only for the pairs of the latest list, so a memo never grows past its list.
 */
const PAIR_MEMO_TEXTS = 1_000;
const pairMemosOf = new WeakMap<Database.Database, Lru<{ model: MatchingModel; memo: PairMemo }>>();

/** rankArchive of a text, kept until the archive changes (the desk's changes leave it standing). */
function rankArchiveKept(db: Db, text: string, query: PreparedQuery, model: MatchingModel, archiveVersion: string): RankedArchive {
  let cache = archiveRankingsOf.get(db.$client);
  if (!cache) archiveRankingsOf.set(db.$client, (cache = new Lru(ARCHIVE_RANKING_CACHE_SIZE)));
  const kept = cache.get(text);
  if (kept && kept.version === archiveVersion) {
    archiveRankingCounts.kept++;
    return kept.ranked;
  }
  archiveRankingCounts.computed++;
  let memos = pairMemosOf.get(db.$client);
  if (!memos) pairMemosOf.set(db.$client, (memos = new Lru(PAIR_MEMO_TEXTS)));
  const previous = memos.get(text);
  const { ranked: scored, memo } = rankArchiveReusing(db, query, model, model.file.candidates, previous?.model === model ? previous.memo : null);
  if (memo) memos.set(text, { model, memo });
  const ranked = scored.map(({ id, score }) => ({ id, score }));
  cache.set(text, { version: archiveVersion, ranked });
  return ranked;
}

// The desk's ranking of a text, kept by the desk's version alone (the outbox's last event id), for the
// same reason the other way round: an archive import or update then redoes only the archive's part, and
// the desk's FTS5 queries (about a millisecond a sentence) stay out of the first view after it.
const deskRankingsOf = new WeakMap<Database.Database, Lru<{ version: string; ranked: RankedArchive }>>();
const deskRankingCounts = { kept: 0, computed: 0 };

/** How often the desk's ranking of a text was reused and computed since the process began (tests read it). */
export function deskRankingStats(): { kept: number; computed: number } {
  return { ...deskRankingCounts };
}

function rankDeskKept(db: Db, text: string, query: PreparedQuery, model: MatchingModel, excludeClaimId: number | undefined, deskVersion: string): RankedArchive {
  let cache = deskRankingsOf.get(db.$client);
  if (!cache) deskRankingsOf.set(db.$client, (cache = new Lru(ARCHIVE_RANKING_CACHE_SIZE)));
  const key = `${excludeClaimId ?? ""}\u0000${text}`;
  const kept = cache.get(key);
  if (kept && kept.version === deskVersion) {
    deskRankingCounts.kept++;
    return kept.ranked;
  }
  deskRankingCounts.computed++;
  const ranked = rankDesk(db, query, model, excludeClaimId).map(({ id, score }) => ({ id, score }));
  cache.set(key, { version: deskVersion, ranked });
  return ranked;
}

/** The matches for one claim text, best first: archive fact-checks and desk claims on one calibrated scale. */
export function matchText(db: Db, text: string, options: MatchOptions = {}): Match[] {
  return matchTexts(db, [text], options)[0];
}

/** matchText for several texts (an article's candidates), the data's version read once for all. */
export function matchTexts(db: Db, texts: readonly string[], options: MatchOptions = {}): Match[][] {
  let cache = answersOf.get(db.$client);
  if (!cache) answersOf.set(db.$client, (cache = new Lru(ANSWER_CACHE_SIZE)));
  const version = dataVersion(db);
  const settings = JSON.stringify([options.limit, options.aboveThreshold, options.excludeClaimId, options.publishedOnly, options.sources]);
  return texts.map((text) => {
    const key = `${settings}\u0000${text}`;
    const kept = cache.get(key);
    if (kept && kept.version === version.all) return kept.matches;
    const matches = computeMatches(db, text, options, version.archive, version.desk);
    cache.set(key, { version: version.all, matches });
    return matches;
  });
}

/**
 * matchText without its answer cache (benchmarks measure the matching itself). Given the archive's
 * (or the desk's) version, the archive's (or the desk's) ranking of the text is reused while that version stands.
 */
export function computeMatches(db: Db, text: string, options: MatchOptions = {}, archiveVersion?: string, deskVersion?: string): Match[] {
  const model = matchingModel();
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const sources = options.sources ?? ["archive", "desk"];
  const query = preparedCached(text, model);
  const threshold = options.aboveThreshold ? model.file.threshold : 0;
  const s = statements(db);

  const ranked = !sources.includes("archive") ? [] : archiveVersion === undefined ? rankArchive(db, query, model) : rankArchiveKept(db, text, query, model, archiveVersion);
  const archive = ranked.filter((c) => c.score >= threshold);
  const deskRanked = !sources.includes("desk")
    ? []
    : deskVersion === undefined
      ? rankDesk(db, query, model, options.excludeClaimId)
      : rankDeskKept(db, text, query, model, options.excludeClaimId, deskVersion);
  let desk = deskRanked.filter((c) => c.score >= threshold);
  const deskRows = new Map(desk.length ? s.deskRows.all(JSON.stringify(desk.map((d) => d.id))).map((r) => [r.id, r]) : []);
  if (options.publishedOnly) desk = desk.filter((d) => deskRows.get(d.id)?.publishedAt);

  const best = [...archive.map((c) => ({ c, source: "archive" as const })), ...desk.map((c) => ({ c, source: "desk" as const }))]
    .sort((a, b) => b.c.score - a.c.score || (a.source === b.source ? a.c.id - b.c.id : a.source === "archive" ? -1 : 1))
    .slice(0, limit);
  const archiveRows = new Map(
    best.some((b) => b.source === "archive")
      ? s.archiveRows.all(JSON.stringify(best.filter((b) => b.source === "archive").map((b) => b.c.id))).map((r) => [r.id, r])
      : [],
  );
  const score = (value: number) => Math.round(value * 10_000) / 10_000;
  return best.flatMap(({ c, source }): Match[] => {
    if (source === "archive") {
      const row = archiveRows.get(c.id);
      if (!row) return [];
      const { url, claimReviewed, headline, rating, author, datePublished } = row;
      return [{ url, claimReviewed, headline, rating, author, datePublished, source, score: score(c.score) }];
    }
    const row = deskRows.get(c.id);
    if (!row) return [];
    const published = Boolean(row.slug && row.publishedAt);
    return [
      {
        url: deskUrl(row),
        claimReviewed: row.text,
        headline: null,
        rating: row.state === "verified" && row.verdict ? VERDICT_LABEL[row.verdict] : null,
        author: published ? orgName() : null,
        datePublished: published ? row.publishedAt : null,
        source,
        claimId: row.id,
        state: row.state,
        assignee: row.assignee,
        score: score(c.score),
      },
    ];
  });
}

/** The model's "checked before" threshold on the calibrated score. */
export function checkedBeforeThreshold(): number {
  return matchingModel().file.threshold;
}
