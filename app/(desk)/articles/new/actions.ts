"use server";

import { serverAction } from "@/lib/actions/server-action";
import { addArticle } from "@/lib/articles/articles";

/** The article.added event refreshes the article list (applyEffects); no revalidatePath here. */
export const createArticleAction = serverAction(
  { role: "reporter", output: (article: { id: number }) => ({ articleId: article.id }) },
  ({ db, actor }, input: unknown) => addArticle(db, actor, input),
);
