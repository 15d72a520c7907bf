import { createHash } from "node:crypto";
import { and, asc, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import type { Db, DbExecutor } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { transact } from "@/lib/core/transaction";
import { extractFacts, type Fact, type SentenceFacts } from "@/lib/extract";

// A few sentences that exercise splitting, boilerplate and every kind of fact: if a change to the
// extractor changes what it finds here, stored facts are from an older extractor and are redone.
const PROBE = {
  title: "Johnson freed",
  body: [
    "Alice Marie Johnson, a 63-year-old great-grandmother, walked out of prison on Wednesday, June 6, 2018.",
    "Johnson was sentenced in 1996 to life without parole. She served 21 years and eight months.",
    "In 1997, Johnson was convicted for her role in a cocaine ring. Trump commuted her sentence.",
    "Mr. Trump pardoned her, officials said: “She was freed at 63.” Share this article on Facebook",
  ].join("\n\n"),
};

/** Names the extractor that produced stored facts: the rules' version plus what they find in the probe. */
export const FACTS_EXTRACTOR = `1:${createHash("sha256")
  .update(JSON.stringify(extractFacts(PROBE), (_, value) => (value instanceof Set ? [...value] : value)))
  .digest("hex")
  .slice(0, 16)}`;

/** Articles at or under this many characters have their facts extracted on the request thread. */
export const INLINE_FACTS_CHARS = 50_000;

/**
 * Replaces an article's stored facts (inside the caller's transaction). A sentence stating exactly the
 * facts of an earlier one (a repeated paragraph) is stored once, at its first place: it can only clash
 * where the first one does, and the desk shows each disagreement with another article once.
 */
export async function storeArticleFacts(tx: DbExecutor, articleId: number, sentences: readonly SentenceFacts[]): Promise<void> {
  const { articleFacts, articleFactSets } = tablesOf(tx);
  await tx.delete(articleFacts).where(eq(articleFacts.articleId, articleId));
  const seen = new Set<string>();
  const distinct = sentences.filter(({ facts }) => {
    const signature = JSON.stringify(facts.map((f) => [f.kind, f.key, f.value, [...f.subjects].sort()]));
    if (seen.has(signature)) return false;
    seen.add(signature);
    return true;
  });
  const rows = distinct.flatMap(({ span, facts }) =>
    facts.map((fact) => ({
      articleId,
      sentenceStart: span.start,
      sentenceEnd: span.end,
      sentence: span.text,
      kind: fact.kind,
      key: fact.key,
      value: fact.value,
      subjects: JSON.stringify([...fact.subjects]),
    })),
  );
  // Batches keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) await tx.insert(articleFacts).values(rows.slice(i, i + 500));
  // The time as the column's default writes it (ISO 8601, milliseconds, Z), on either engine.
  await tx
    .insert(articleFactSets)
    .values({ articleId, extractor: FACTS_EXTRACTOR })
    .onConflictDoUpdate({ target: articleFactSets.articleId, set: { extractor: FACTS_EXTRACTOR, createdAt: new Date().toISOString() } });
}

/** Articles whose facts were never extracted, or by an older extractor, with their length. */
export async function articlesMissingFacts(db: DbExecutor): Promise<Array<{ id: number; chars: number }>> {
  const { articleFactSets, articles } = tablesOf(db);
  const current = db.select({ id: articleFactSets.articleId }).from(articleFactSets).where(eq(articleFactSets.extractor, FACTS_EXTRACTOR));
  return db
    .select({ id: articles.id, chars: sql<number>`length(${articles.body})`.mapWith(Number) })
    .from(articles)
    .where(notInArray(articles.id, current))
    .orderBy(asc(articles.id));
}

/** Extracts and stores the facts of one article on this thread, in one transaction on the seam. */
export async function backfillArticleFacts(db: Db, articleId: number, computed?: readonly SentenceFacts[]): Promise<void> {
  const { articles } = tablesOf(db);
  const article = await firstRow(db.select({ title: articles.title, body: articles.body }).from(articles).where(eq(articles.id, articleId)));
  if (!article) return;
  const facts = computed ?? extractFacts(article);
  await transact(db, (tx) => storeArticleFacts(tx, articleId, facts));
}

/** Brings every article's stored facts up to date on this thread (the inline path; tests, small desks). */
export async function ensureArticleFacts(db: Db): Promise<void> {
  for (const { id } of await articlesMissingFacts(db)) await backfillArticleFacts(db, id);
}

interface FactRow {
  id: number;
  articleId: number;
  sentenceStart: number;
  sentenceEnd: number;
  sentence: string;
  kind: Fact["kind"];
  key: string;
  value: string;
  subjects: string;
}

/** Rows back into sentences with their facts, in reading order, each sentence's facts in extraction order. */
function toSentences(rows: FactRow[]): SentenceFacts[] {
  const bySentence = new Map<number, SentenceFacts>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    let sentence = bySentence.get(row.sentenceStart);
    if (!sentence) {
      sentence = { span: { start: row.sentenceStart, end: row.sentenceEnd, text: row.sentence }, facts: [] };
      bySentence.set(row.sentenceStart, sentence);
    }
    sentence.facts.push({ kind: row.kind, key: row.key, value: row.value, subjects: new Set(JSON.parse(row.subjects) as string[]) });
  }
  return [...bySentence.values()].sort((a, b) => a.span.start - b.span.start);
}

const factColumns = (articleFacts: ReturnType<typeof tablesOf>["articleFacts"]) => ({
  id: articleFacts.id,
  articleId: articleFacts.articleId,
  sentenceStart: articleFacts.sentenceStart,
  sentenceEnd: articleFacts.sentenceEnd,
  sentence: articleFacts.sentence,
  kind: articleFacts.kind,
  key: articleFacts.key,
  value: articleFacts.value,
  subjects: articleFacts.subjects,
});

/**
 * The facts of every other article that could clash with these: only facts of the same kind and key
 * can, so each (kind, key) is one lookup on the article_facts_kind_key index. Only the matching facts
 * of each sentence are returned, which are all the conflict rules look at. Ordered by article id.
 */
export async function factsSharingKeys(db: DbExecutor, articleId: number, mine: readonly SentenceFacts[]): Promise<Map<number, SentenceFacts[]>> {
  const { articleFacts } = tablesOf(db);
  const columns = factColumns(articleFacts);
  const keys = new Map<string, { kind: Fact["kind"]; key: string }>();
  for (const { facts } of mine) for (const fact of facts) keys.set(`${fact.kind}\u0000${fact.key}`, { kind: fact.kind, key: fact.key });
  const byArticle = new Map<number, FactRow[]>();
  for (const { kind, key } of keys.values()) {
    const rows = await db
      .select(columns)
      .from(articleFacts)
      .where(and(eq(articleFacts.kind, kind), eq(articleFacts.key, key), ne(articleFacts.articleId, articleId)));
    for (const row of rows) {
      const list = byArticle.get(row.articleId) ?? [];
      list.push(row);
      byArticle.set(row.articleId, list);
    }
  }
  return new Map([...byArticle.entries()].sort(([a], [b]) => a - b).map(([id, rows]) => [id, toSentences(rows)]));
}

/** Titles of the given articles, on either engine (in slices of 500 ids). */
export async function articleTitles(db: DbExecutor, ids: number[]): Promise<Map<number, string>> {
  const { articles } = tablesOf(db);
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of await db.select({ id: articles.id, title: articles.title }).from(articles).where(inArray(articles.id, ids.slice(i, i + 500)))) {
      out.set(row.id, row.title);
    }
  }
  return out;
}
