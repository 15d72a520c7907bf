import { createHash } from "node:crypto";
import { decodeCursor, encodeCursor, staleCursor } from "@/lib/core/cursor";
import { parseInput } from "@/lib/core/parse";
import { desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { articles, claims, type Article } from "@/db/schema";
import { hasRole, type Actor } from "@/lib/core/actor";
import { fail, ok, type Result } from "@/lib/core/result";
import { transact } from "@/lib/core/transaction";
import { noEvents, recordEvent, type RecordedEvent, type WithEvents } from "@/lib/events";
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

function findByContentHash(db: Pick<Db, "select">, contentHash: string): ExistingArticle | undefined {
  return db.select({ id: articles.id, title: articles.title }).from(articles).where(eq(articles.contentHash, contentHash)).get();
}

/** SQLite's refusal of a second row with the same content hash (articles.content_hash is unique). */
function isDuplicateContent(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "SQLITE_CONSTRAINT_UNIQUE" && typeof message === "string" && message.includes("articles.content_hash");
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
    // One transaction on the seam (BEGIN IMMEDIATE): the write lock is taken before the check, so no
    // other connection can add the same text between "not on the desk yet" and the insert.
    const recorded: RecordedEvent[] = [];
    const committed = await transact(db, (tx): Result<Article> => {
      const existing = findByContentHash(tx, contentHash);
      if (existing) return alreadyOnDesk(existing);
      const article = tx.insert(articles).values({ ...parsed.value, contentHash, createdById: actor.id }).returning().get();
      storeArticleFacts(tx, article.id, facts());
      recorded.push(recordEvent(tx, { kind: "article.added", articleId: article.id, title: article.title, actorId: actor.id }));
      return ok(article);
    });
    const result = committed.ok ? committed.value : committed;
    return { ...result, events: result.ok ? recorded : [] };
  } catch (error) {
    // Belt and braces: should a writer the lock does not cover still win the race, the unique index
    // refuses the copy, and the reporter gets the same "already on the desk" answer, not a 500.
    const existing = isDuplicateContent(error) ? findByContentHash(db, contentHash) : undefined;
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
  const existing = findByContentHash(db, articleContentHash(parsed.value.body));
  if (existing) return noEvents(alreadyOnDesk(existing));
  const facts = await runInWorker("facts", { title: parsed.value.title, body: parsed.value.body }, { timeMs: ARTICLE_WORK_BUDGET_MS, label: "Reading the article for facts" });
  if (!facts.ok) return noEvents(facts);
  return createArticle(db, actor, input, { facts: facts.value });
}

export function getArticle(db: Db, id: number): Article | null {
  return db.select().from(articles).where(eq(articles.id, id)).get() ?? null;
}

/** The newest articles' ids and titles, for pickers such as the queue's article filter (no text, no counts). */
export function listArticleTitles(db: Db, limit = 100): Array<{ id: number; title: string }> {
  return db.select({ id: articles.id, title: articles.title }).from(articles).orderBy(desc(articles.id)).limit(limit).all();
}

export type ArticleListItem = Omit<Article, "body"> & { claimCount: number; excerpt: string };

const ARTICLE_ORDER = "newest";
const ARTICLE_POSITION = ["id"] as const;

/** Newest first, a page at a time: pass `nextCursor` back as `cursor` for the next page. */
export function listArticles(db: Db, page: { cursor?: string | null; limit?: number } = {}): Result<{ data: ArticleListItem[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(page.limit ?? 25, 1), 100);
  const cursor = page.cursor ? decodeCursor(page.cursor, ARTICLE_ORDER, ARTICLE_POSITION) : null;
  if (page.cursor && !cursor) return staleCursor();
  const rows = db
    .select({
      article: articles,
      claimCount: sql<number>`(select count(*) from ${claims} where ${claims.articleId} = ${articles.id})`,
    })
    .from(articles)
    .where(cursor ? lt(articles.id, cursor.position[0]) : undefined)
    .orderBy(desc(articles.id))
    .limit(limit + 1)
    .all();
  const data = rows.slice(0, limit).map(({ article: { body, ...rest }, claimCount }) => ({
    ...rest,
    claimCount,
    excerpt: body.slice(0, 240),
  }));
  const last = data.at(-1);
  return ok({ data, nextCursor: rows.length > limit && last ? encodeCursor({ order: ARTICLE_ORDER, position: [last.id], before: false }) : null });
}
