import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { articles } from "@/db/schema";
import { articleContentHash } from "./articles";
import type { ExistingArticle } from "./duplicate";

/**
 * The article already on the desk with this text (whitespace aside), or null. The one lookup behind
 * "already on the desk": the upload preview asks it before the reporter submits, createArticle's
 * unique content hash enforces it.
 */
export function findArticleWithText(db: Pick<Db, "select">, body: string): ExistingArticle | null {
  return db.select({ id: articles.id, title: articles.title }).from(articles).where(eq(articles.contentHash, articleContentHash(body))).get() ?? null;
}
