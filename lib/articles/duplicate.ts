import { fail, type AppError, type Result } from "@/lib/core/result";

/** The article a duplicate submission collided with. */
export interface ExistingArticle {
  id: number;
  title: string;
}

/** The conflict for text already on the desk; it names the existing article so the caller can link to it. */
export function alreadyOnDesk(existing: ExistingArticle): Result<never> {
  return fail("conflict", `This text is already on the desk as “${existing.title}”.`, {
    details: { existingArticleId: existing.id, existingArticleTitle: existing.title },
  });
}

/**
 * The existing article named by an `alreadyOnDesk` conflict, or null for any other error. Safe in the
 * browser: the add-article form reads the server's answer with it, so the notice shows the title of the
 * article on the desk rather than the title just typed.
 */
export function existingArticleFrom(error: AppError | undefined): ExistingArticle | null {
  if (error?.code !== "conflict") return null;
  const id = error.details?.existingArticleId;
  const title = error.details?.existingArticleTitle;
  return typeof id === "number" && typeof title === "string" ? { id, title } : null;
}
