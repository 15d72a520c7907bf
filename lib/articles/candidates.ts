import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { articles, citations, claims, type ClaimState } from "@/db/schema";
import { extractCandidates, findConflicts, type Candidate, type Conflict, type ConflictKind } from "@/lib/extract";

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

/** A small LRU: a Map keeps insertion order, so the first key is the least recently used. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  clear(): void {
    this.map.clear();
  }
}

// Article bodies never change and ids are never reused, so id + content hash names one exact text.
const keyOf = (a: { id: number; contentHash: string }) => `${a.id}:${a.contentHash}`;

const extractionCache = new Lru<Candidate[]>(1_000);
const namesCache = new Lru<Set<string>>(20_000);
const pairCache = new Lru<Conflict[]>(200_000);

/** Forget every cached extraction and comparison (tests; a changed model). */
export function clearCandidateCaches(): void {
  extractionCache.clear();
  namesCache.clear();
  pairCache.clear();
}

function extraction(article: ArticleKey & { body: string }): Candidate[] {
  const key = keyOf(article);
  let candidates = extractionCache.get(key);
  if (!candidates) {
    candidates = extractCandidates(article.body);
    extractionCache.set(key, candidates);
  }
  return candidates;
}

// Words findConflicts never treats as names (a subset of its own list); dropping them keeps the
// prefilter from pairing every two articles that both say "The".
const NEVER_NAMES = new Set([
  "the", "a", "an", "in", "on", "at", "of", "and", "but", "or", "he", "she", "it", "they", "we", "i", "this", "that",
  "there", "according", "president", "former", "white", "house", "january", "february", "march", "april", "may",
  "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
  "thursday", "friday", "saturday", "sunday",
]);

/**
 * Every capitalised word of an article, in each spelling findConflicts may use for a subject.
 * Conflicts need a shared subject name, so two articles sharing none of these cannot conflict.
 */
function nameWords(article: { title: string; body: string }): Set<string> {
  const words = new Set<string>();
  for (const match of `${article.title}\n${article.body}`.matchAll(/[\p{Lu}][\p{L}'’.-]*/gu)) {
    const word = match[0].toLowerCase();
    const forms = [word, word.replace(/['’]s$/u, ""), word.replace(/['’]s$/u, "").replace(/[.'’-]+$/u, ""), ...word.split(/[^\p{L}]+/u)];
    for (const form of forms) if (form.length > 1 && !NEVER_NAMES.has(form)) words.add(form);
  }
  return words;
}

function sharesAName(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const word of small) if (large.has(word)) return true;
  return false;
}

/**
 * Conflicts between this article and every other article on the desk. Each pair of texts is
 * compared once per process; pairs with no name in common are skipped without comparing.
 */
function conflictsWithDesk(db: Db, article: ArticleKey & { body: string }): Array<Conflict & { otherId: number }> {
  const others = db
    .select({ id: articles.id, title: articles.title, contentHash: articles.contentHash })
    .from(articles)
    .where(ne(articles.id, article.id))
    .all();
  const thisKey = keyOf(article);
  let thisNames = namesCache.get(thisKey);
  if (!thisNames) {
    thisNames = nameWords(article);
    namesCache.set(thisKey, thisNames);
  }

  const pairKey = (other: ArticleKey) => {
    const otherKey = keyOf(other);
    return article.id < other.id ? `${thisKey}|${otherKey}` : `${otherKey}|${thisKey}`;
  };
  const uncached = others.filter((other) => pairCache.get(pairKey(other)) === undefined);
  if (uncached.length > 0) {
    const bodies = new Map<number, string>();
    const needBodies = uncached.filter((other) => namesCache.get(keyOf(other)) === undefined).map((other) => other.id);
    // Names for articles not seen yet, then full comparisons only where a name is shared.
    for (let i = 0; i < needBodies.length; i += 500) {
      const rows = db.select({ id: articles.id, body: articles.body }).from(articles).where(inArray(articles.id, needBodies.slice(i, i + 500))).all();
      for (const row of rows) bodies.set(row.id, row.body);
    }
    const compare: ArticleKey[] = [];
    for (const other of uncached) {
      let names = namesCache.get(keyOf(other));
      if (!names) {
        names = nameWords({ title: other.title, body: bodies.get(other.id) ?? "" });
        namesCache.set(keyOf(other), names);
      }
      if (sharesAName(thisNames, names)) compare.push(other);
      else pairCache.set(pairKey(other), []);
    }
    const missing = compare.filter((other) => !bodies.has(other.id)).map((other) => other.id);
    for (let i = 0; i < missing.length; i += 500) {
      const rows = db.select({ id: articles.id, body: articles.body }).from(articles).where(inArray(articles.id, missing.slice(i, i + 500))).all();
      for (const row of rows) bodies.set(row.id, row.body);
    }
    for (const other of compare) {
      const found = findConflicts([
        { id: thisKey, title: article.title, body: article.body },
        { id: keyOf(other), title: other.title, body: bodies.get(other.id) ?? "" },
      ]);
      pairCache.set(pairKey(other), found);
    }
  }

  const result: Array<Conflict & { otherId: number }> = [];
  for (const other of others) {
    for (const conflict of pairCache.get(pairKey(other)) ?? []) {
      if (conflict.articleId === thisKey) result.push({ ...conflict, otherId: other.id });
    }
  }
  return result;
}

function claimsOn(db: Db, article: { id: number; body: string }): Array<CandidateClaim & { start: number; end: number }> {
  const rows = db
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
    .where(and(eq(citations.articleId, article.id)))
    .all();
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
export function articleCandidates(db: Db, articleId: number): ArticleCandidate[] | null {
  const article = db.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article) return null;
  const base = extraction(article);
  const conflicts = conflictsWithDesk(db, article);
  const claimed = claimsOn(db, article);

  // The other article's sentence as its own page anchors it (its candidate offsets).
  const otherSentences = new Map<number, { title: string; candidates: Candidate[] }>();
  for (const otherId of new Set(conflicts.map((c) => c.otherId))) {
    const other = db.select().from(articles).where(eq(articles.id, otherId)).get();
    if (other) otherSentences.set(otherId, { title: other.title, candidates: extraction(other) });
  }

  const candidates = base.map((candidate): ArticleCandidate => {
    const seen = new Set<string>();
    const own: CandidateConflict[] = [];
    for (const c of conflicts) {
      if (!(c.start < candidate.end && c.end > candidate.start)) continue;
      const other = otherSentences.get(c.otherId);
      if (!other) continue;
      const sentence = other.candidates.find((s) => s.start < c.otherEnd && s.end > c.otherStart);
      const otherStart = sentence?.start ?? c.otherStart;
      const id = `${c.otherId}:${otherStart}:${c.kind}:${c.values.join("/")}`;
      if (seen.has(id)) continue;
      seen.add(id);
      own.push({
        kind: c.kind,
        values: c.values,
        otherArticleId: c.otherId,
        otherArticleTitle: other.title,
        otherStart,
        otherEnd: sentence?.end ?? c.otherEnd,
        otherText: sentence?.text ?? c.otherText,
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
