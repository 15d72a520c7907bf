import { and, eq } from "drizzle-orm";
import { Lru } from "@/lib/core/lru";
import type { Db } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { type ClaimState } from "@/lib/core/vocabulary";
import {
  candidateSpan,
  conflictsBetween,
  extractCandidates,
  extractFacts,
  type Candidate,
  type Conflict,
  type ConflictKind,
  type SentenceFacts,
} from "@/lib/extract";
import { fail, ok, type Result } from "@/lib/core/result";
import { runInWorker } from "@/lib/workers/run";
import { ARTICLE_WORK_BUDGET_MS } from "./articles";
import { articlesMissingFacts, articleTitles, backfillArticleFacts, ensureArticleFacts, factsSharingKeys, INLINE_FACTS_CHARS } from "./facts";

export interface CandidateConflict {
  kind: ConflictKind;
  /** [this article's value, the other article's value] */
  values: [string, string];
  otherArticleId: number;
  otherArticleTitle: string;
  /** Offsets of the other article's sentence, matching its own candidate list. */
  otherStart: number;
  otherEnd: number;
  otherText: string;
}

export interface CandidateClaim {
  id: number;
  state: ClaimState;
  text: string;
}

export interface ArticleCandidate {
  text: string;
  start: number;
  end: number;
  score: number;
  boilerplate: boolean;
  conflicts: CandidateConflict[];
  /** Claims whose citation quotes this sentence of this article. */
  claims: CandidateClaim[];
}

interface ArticleKey {
  id: number;
  title: string;
  contentHash: string;
}

// Article bodies never change and ids are never reused, so id + content hash names one exact text.
const keyOf = (a: { id: number; contentHash: string }) => `${a.id}:${a.contentHash}`;

interface Extraction {
  candidates: Candidate[];
  /** Every sentence's facts (the stored ones skip repeats, which this article's own sentences need). */
  facts: SentenceFacts[];
}

const extractionCache = new Lru<Extraction>(1_000);

/** Forget every cached extraction (tests; a changed model). */
export function clearCandidateCaches(): void {
  extractionCache.clear();
}

function extraction(article: ArticleKey & { body: string }): Extraction {
  const key = keyOf(article);
  let extracted = extractionCache.get(key);
  if (!extracted) {
    extracted = { candidates: extractCandidates(article.body), facts: extractFacts(article) };
    extractionCache.set(key, extracted);
  }
  return extracted;
}

/**
 * Conflicts between this article and every other article on the desk, from the facts each article
 * had extracted once when it was added: only the other articles' facts of the same kind and key are
 * read (by index), never their text. Articles without current facts get them first.
 */
async function conflictsWithDesk(db: Db, article: ArticleKey & { body: string }, mine: readonly SentenceFacts[]): Promise<Array<Conflict & { otherId: number }>> {
  await ensureArticleFacts(db);
  const thisKey = String(article.id);
  const result: Array<Conflict & { otherId: number }> = [];
  for (const [otherId, theirs] of await factsSharingKeys(db, article.id, mine)) {
    for (const conflict of conflictsBetween(thisKey, mine, String(otherId), theirs)) result.push({ ...conflict, otherId });
  }
  return result;
}

async function claimsOn(db: Db, article: { id: number; body: string }): Promise<Array<CandidateClaim & { start: number; end: number }>> {
  const { citations, claims } = tablesOf(db);
  const rows = await db
    .select({
      id: claims.id,
      state: claims.state,
      text: claims.text,
      quote: citations.quote,
      quoteStart: citations.quoteStart,
      quoteEnd: citations.quoteEnd,
    })
    .from(citations)
    .innerJoin(claims, eq(claims.id, citations.claimId))
    .where(and(eq(citations.articleId, article.id)));
  const out: Array<CandidateClaim & { start: number; end: number }> = [];
  for (const row of rows) {
    let start = row.quoteStart;
    let end = row.quoteEnd;
    if (start == null || end == null || end <= start) {
      // Citations typed by hand carry the quote without offsets: find it in the text.
      const at = row.quote ? article.body.indexOf(row.quote) : -1;
      if (at < 0) continue;
      start = at;
      end = at + row.quote.length;
    }
    out.push({ id: row.id, state: row.state, text: row.text, start, end });
  }
  return out;
}

/** Non-boilerplate sentences by score (ties in reading order), then boilerplate in reading order. */
export function rankArticleCandidates<T extends { score: number; boilerplate: boolean; start: number }>(candidates: T[]): T[] {
  return [...candidates].sort((a, b) => {
    if (a.boilerplate !== b.boilerplate) return a.boilerplate ? 1 : -1;
    if (a.boilerplate) return a.start - b.start;
    return b.score - a.score || a.start - b.start;
  });
}

/**
 * Every sentence of an article, best first: offsets into the body, check-worthiness score,
 * boilerplate flag, conflicts with the other articles on the desk (linked to the other sentence),
 * and the claims already made from it. Null when there is no such article.
 */
export async function articleCandidates(db: Db, articleId: number): Promise<ArticleCandidate[] | null> {
  const { articles } = tablesOf(db);
  const article = await firstRow(db.select().from(articles).where(eq(articles.id, articleId)));
  if (!article) return null;
  const { candidates: base, facts } = extraction(article);
  const conflicts = await conflictsWithDesk(db, article, facts);
  const claimed = await claimsOn(db, article);

  const titles = await articleTitles(db, [...new Set(conflicts.map((c) => c.otherId))]);
  // Each conflict belongs to the candidate of the same sentence (same end; the start may skip a dateline).
  const byEnd = new Map<number, Array<Conflict & { otherId: number }>>();
  for (const c of conflicts) {
    const list = byEnd.get(c.end) ?? [];
    list.push(c);
    byEnd.set(c.end, list);
  }
  const candidates = base.map((candidate): ArticleCandidate => {
    const seen = new Set<string>();
    const own: CandidateConflict[] = [];
    for (const c of byEnd.get(candidate.end) ?? []) {
      if (!(c.start < candidate.end && c.end > candidate.start)) continue;
      const otherTitle = titles.get(c.otherId);
      if (otherTitle === undefined) continue;
      // The same disagreement with the same article is shown once, at the first sentence stating it.
      const id = `${c.otherId}:${c.kind}:${c.values.join("/")}`;
      if (seen.has(id)) continue;
      seen.add(id);
      // The other sentence as the other article's own candidate list shows it (same split, dateline dropped).
      const sentence = candidateSpan({ start: c.otherStart, end: c.otherEnd, text: c.otherText });
      own.push({
        kind: c.kind,
        values: c.values,
        otherArticleId: c.otherId,
        otherArticleTitle: otherTitle,
        otherStart: sentence.start,
        otherEnd: sentence.end,
        otherText: sentence.text,
      });
    }
    const claimsHere = claimed
      .filter((claim) => claim.start < candidate.end && claim.end > candidate.start)
      .map(({ id, state, text }) => ({ id, state, text }));
    return {
      text: candidate.text,
      start: candidate.start,
      end: candidate.end,
      score: candidate.score,
      boilerplate: candidate.boilerplate,
      conflicts: own,
      claims: [...new Map(claimsHere.map((claim) => [claim.id, claim])).values()],
    };
  });
  return rankArticleCandidates(candidates);
}

const inFlight = new Map<string, Promise<unknown>>();

/** One run of `work` per key at a time: concurrent requests for the same article share it. */
function once<T>(key: string, work: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = work().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}

/**
 * articleCandidates for requests: whatever is heavy is done first on worker threads, within a time
 * budget, so the request thread stays free for everyone else. That is the facts of long articles
 * that have none yet (articles added before facts were stored) and the sentences of a long article.
 * What is left on the request thread is index lookups and the comparison of matching facts.
 */
export async function loadArticleCandidates(db: Db, articleId: number): Promise<Result<ArticleCandidate[]>> {
  const { articles } = tablesOf(db);
  const article = await firstRow(db.select().from(articles).where(eq(articles.id, articleId)));
  if (!article) return fail("not_found", `There is no article ${articleId}.`);
  const budget = (label: string) => ({ timeMs: ARTICLE_WORK_BUDGET_MS, label });

  for (const missing of await articlesMissingFacts(db)) {
    if (missing.chars <= INLINE_FACTS_CHARS) continue; // cheap: articleCandidates does these in passing
    const done = await once(`facts:${missing.id}`, async () => {
      const other = await firstRow(db.select({ title: articles.title, body: articles.body }).from(articles).where(eq(articles.id, missing.id)));
      if (!other) return ok(undefined);
      const facts = await runInWorker("facts", other, budget(`Reading article ${missing.id} for facts`));
      if (facts.ok) await backfillArticleFacts(db, missing.id, facts.value);
      return facts;
    });
    if (!done.ok) return done;
  }

  if (article.body.length > INLINE_FACTS_CHARS && extractionCache.get(keyOf(article)) === undefined) {
    const extracted = await once(`candidates:${keyOf(article)}`, async () => {
      const result = await runInWorker("candidates", { title: article.title, body: article.body }, budget(`Reading article ${article.id} for claims`));
      if (result.ok) extractionCache.set(keyOf(article), result.value);
      return result;
    });
    if (!extracted.ok) return extracted;
  }
  const candidates = await articleCandidates(db, articleId);
  return candidates ? ok(candidates) : fail("not_found", `There is no article ${articleId}.`);
}
