import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { articleContentHash } from "./articles";
import type { ExistingArticle } from "./duplicate";

/**
 * The article already on the desk with this text (whitespace aside), or null. The one lookup behind
 * "already on the desk": the upload preview asks it before the reporter submits, createArticle's
 * unique content hash enforces it. Either engine.
 */
export async function findArticleWithText(db: DbExecutor, body: string): Promise<ExistingArticle | null> {
  const { articles } = tablesOf(db);
  const query = db.select({ id: articles.id, title: articles.title }).from(articles).where(eq(articles.contentHash, articleContentHash(body))).limit(1);
  return (await firstRow(query)) ?? null;
}
