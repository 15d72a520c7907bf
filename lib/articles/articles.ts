import { createHash } from "node:crypto";
import { decodeCursor, encodeCursor, staleCursor } from "@/lib/core/cursor";
import { parseInput } from "@/lib/core/parse";
import { desc, eq, lt, sql } from "drizzle-orm";
import type { Db, DbExecutor } from "@/db/client";
import type { Article } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";
import { hasRole, type Actor } from "@/lib/core/actor";
import { isUniqueViolation } from "@/lib/core/db-errors";
import { fail, ok, type Result } from "@/lib/core/result";
import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { createArticleSchema } from "@/lib/validations/articles";
import { extractFacts, type SentenceFacts } from "@/lib/extract";
import { runInWorker } from "@/lib/workers/run";
import { alreadyOnDesk, type ExistingArticle } from "./duplicate";
import { INLINE_FACTS_CHARS, storeArticleFacts } from "./facts";

/** The most time one article's extraction may take off the request thread before it is stopped. */
export const ARTICLE_WORK_BUDGET_MS = Number(process.env.FACTDESK_ARTICLE_BUDGET_MS ?? 30_000);

/** Whitespace-insensitive, so the same text pasted twice is recognised as the same article. */
export function articleContentHash(body: string): string {
  return createHash("sha256").update(body.replace(/\s+/g, " ").trim()).digest("hex");
}

function findByContentHash(db: DbExecutor, contentHash: string): Promise<ExistingArticle | undefined> {
  const { articles } = tablesOf(db);
  return firstRow(db.select({ id: articles.id, title: articles.title }).from(articles).where(eq(articles.contentHash, contentHash)).limit(1));
}

/** Either engine's refusal of a second row with the same content hash (articles.content_hash is unique). */
function isDuplicateContent(error: unknown): boolean {
  return isUniqueViolation(error);
}

/**
 * Adds an article and stores the facts it states, extracted once here so that the conflict check
 * never re-reads it. `facts` are the facts of the parsed title and body when the caller computed them
 * already (off the request thread: see addArticle). Records article.added.
 */
export async function createArticle(db: Db, actor: Actor, input: unknown, options: { facts?: readonly SentenceFacts[] } = {}): Promise<WithEvents<Article>> {
  if (!hasRole(actor, "reporter")) return noEvents(fail("forbidden", "Only newsroom staff can add articles."));
  const parsed = parseInput(createArticleSchema, input, "Check the highlighted fields.");
  if (!parsed.ok) return noEvents(parsed);
  const contentHash = articleContentHash(parsed.value.body);
  const facts = () => options.facts ?? extractFacts({ title: parsed.value.title, body: parsed.value.body });
  try {
    // One transaction on the seam. SQLite takes the write lock up front (BEGIN IMMEDIATE), so no other
    // connection can add the same text between "not on the desk yet" and the insert. On PostgreSQL two
    // transactions may both pass the check; the insert is ON CONFLICT (content_hash) DO NOTHING, so the
    // second waits for the first's commit and inserts nothing (rather than aborting its transaction),
    // and is answered below with the article that won.
    const committed = await inTransactionWithEvents(db, async (tx, record): Promise<Result<Article> | "raced"> => {
      const { articles } = tablesOf(tx);
      const existing = await findByContentHash(tx, contentHash);
      if (existing) return alreadyOnDesk(existing);
      const [article] = await tx
        .insert(articles)
        .values({ ...parsed.value, contentHash, createdById: actor.id })
        .onConflictDoNothing({ target: articles.contentHash })
        .returning();
      if (!article) return "raced";
      await storeArticleFacts(tx, article.id, facts());
      record({ kind: "article.added", articleId: article.id, title: article.title, actorId: actor.id });
      return ok(article);
    });
    if (!committed.ok) return noEvents(committed);
    if (committed.value !== "raced") return { ...committed.value, events: committed.value.ok ? committed.events : [] };
    const winner = await findByContentHash(db, contentHash);
    if (winner) return noEvents(alreadyOnDesk(winner));
    throw new Error("An article with this text was added and removed at the same moment.");
  } catch (error) {
    // Belt and braces: should a writer the lock does not cover still win the race, the unique index
    // refuses the copy, and the reporter gets the same "already on the desk" answer, not a 500.
    const existing = isDuplicateContent(error) ? await findByContentHash(db, contentHash) : undefined;
    if (existing) return noEvents(alreadyOnDesk(existing));
    throw error;
  }
}

/**
 * createArticle for requests: a long article's facts are extracted on a worker thread within a time
 * budget, so adding it never holds up anyone else's request. Same checks, same result.
 */
export async function addArticle(db: Db, actor: Actor, input: unknown): Promise<WithEvents<Article>> {
  if (!hasRole(actor, "reporter")) return noEvents(fail("forbidden", "Only newsroom staff can add articles."));
  const parsed = parseInput(createArticleSchema, input);
  if (!parsed.ok || parsed.value.body.length <= INLINE_FACTS_CHARS) return createArticle(db, actor, input);
  const existing = await findByContentHash(db, articleContentHash(parsed.value.body));
  if (existing) return noEvents(alreadyOnDesk(existing));
  const facts = await runInWorker("facts", { title: parsed.value.title, body: parsed.value.body }, { timeMs: ARTICLE_WORK_BUDGET_MS, label: "Reading the article for facts" });
  if (!facts.ok) return noEvents(facts);
  return createArticle(db, actor, input, { facts: facts.value });
}

export async function getArticle(db: DbExecutor, id: number): Promise<Article | null> {
  const { articles } = tablesOf(db);
  return (await firstRow(db.select().from(articles).where(eq(articles.id, id)))) ?? null;
}

/** The newest articles' ids and titles, for pickers such as the queue's article filter (no text, no counts). */
export async function listArticleTitles(db: DbExecutor, limit = 100): Promise<Array<{ id: number; title: string }>> {
  const { articles } = tablesOf(db);
  return db.select({ id: articles.id, title: articles.title }).from(articles).orderBy(desc(articles.id)).limit(limit);
}

export type ArticleListItem = Omit<Article, "body"> & { claimCount: number; excerpt: string };

const ARTICLE_ORDER = "newest";
const ARTICLE_POSITION = ["id"] as const;

/** Newest first, a page at a time: pass `nextCursor` back as `cursor` for the next page. */
export async function listArticles(db: DbExecutor, page: { cursor?: string | null; limit?: number } = {}): Promise<Result<{ data: ArticleListItem[]; nextCursor: string | null }>> {
  const { articles, claims } = tablesOf(db);
  const limit = Math.min(Math.max(page.limit ?? 25, 1), 100);
  const cursor = page.cursor ? decodeCursor(page.cursor, ARTICLE_ORDER, ARTICLE_POSITION) : null;
  if (page.cursor && !cursor) return staleCursor();
  const rows = await db
    .select({
      article: articles,
      // Columns named with their tables: in a select from one table drizzle leaves them bare, and a bare
      // "id" inside the subquery is the claim's, not the article's. A number on both engines
      // (node-postgres answers count(*) as a string).
      claimCount: sql<number>`(select count(*) from ${claims} where ${claims}.${sql.identifier("article_id")} = ${articles}.${sql.identifier("id")})`.mapWith(Number),
    })
    .from(articles)
    .where(cursor ? lt(articles.id, cursor.position[0]) : undefined)
    .orderBy(desc(articles.id))
    .limit(limit + 1);
  const data = rows.slice(0, limit).map(({ article: { body, ...rest }, claimCount }) => ({
    ...rest,
    claimCount,
    excerpt: body.slice(0, 240),
  }));
  const last = data.at(-1);
  return ok({ data, nextCursor: rows.length > limit && last ? encodeCursor({ order: ARTICLE_ORDER, position: [last.id], before: false }) : null });
}
