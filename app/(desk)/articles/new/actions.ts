"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { addArticle } from "@/lib/articles/articles";
import { requireActionActor } from "@/lib/auth/guards";
import type { AppError } from "@/lib/core/result";

export type CreateArticleState = { articleId?: number; error?: AppError };

export async function createArticleAction(input: unknown): Promise<CreateArticleState> {
  const actor = await requireActionActor("reporter");
  if (!actor.ok) return { error: actor.error };
  const result = await addArticle(getDb(), actor.value, input);
  if (!result.ok) return { error: result.error };
  revalidatePath("/articles");
  return { articleId: result.value.id };
}
