import { createHash } from "node:crypto";
import { desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { articles, claims, type Article } from "@/db/schema";
import { hasRole, type Actor } from "@/lib/actor";
import { fail, fieldErrorsFrom, ok, type Result } from "@/lib/result";
import { createArticleSchema } from "@/lib/validations/articles";

/** Whitespace-insensitive, so the same text pasted twice is recognised as the same article. */
export function articleContentHash(body: string): string {
  return createHash("sha256").update(body.replace(/\s+/g, " ").trim()).digest("hex");
}

export function createArticle(db: Db, actor: Actor, input: unknown): Result<Article> {
  if (!hasRole(actor, "reporter")) return fail("forbidden", "Only newsroom staff can add articles.");
  const parsed = createArticleSchema.safeParse(input);
  if (!parsed.success) return fail("invalid", "Check the highlighted fields.", { fields: fieldErrorsFrom(parsed.error.issues) });
  const contentHash = articleContentHash(parsed.data.body);
  const existing = db.select({ id: articles.id, title: articles.title }).from(articles).where(eq(articles.contentHash, contentHash)).get();
  if (existing) {
    return fail("conflict", `This text is already on the desk as “${existing.title}”.`, { details: { existingArticleId: existing.id } });
  }
  const row = db
    .insert(articles)
    .values({ ...parsed.data, contentHash, createdById: actor.id })
    .returning()
    .get();
  return ok(row);
}

export function getArticle(db: Db, id: number): Article | null {
  return db.select().from(articles).where(eq(articles.id, id)).get() ?? null;
}

export type ArticleListItem = Omit<Article, "body"> & { claimCount: number; excerpt: string };

export function listArticles(db: Db, page: { cursor?: number | null; limit?: number } = {}): { data: ArticleListItem[]; nextCursor: string | null } {
  const limit = Math.min(Math.max(page.limit ?? 25, 1), 100);
  const rows = db
    .select({
      article: articles,
      claimCount: sql<number>`(select count(*) from ${claims} where ${claims.articleId} = ${articles.id})`,
    })
    .from(articles)
    .where(page.cursor ? lt(articles.id, page.cursor) : undefined)
    .orderBy(desc(articles.id))
    .limit(limit + 1)
    .all();
  const data = rows.slice(0, limit).map(({ article: { body, ...rest }, claimCount }) => ({
    ...rest,
    claimCount,
    excerpt: body.slice(0, 240),
  }));
  return { data, nextCursor: rows.length > limit ? String(data[data.length - 1].id) : null };
}
