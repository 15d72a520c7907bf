"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireActionActor } from "@/lib/auth/guards";
import { publishSummary, withdrawSummary } from "@/lib/publish/publish";
import { revalidatePublicSummary } from "@/lib/publish/revalidate";
import type { AppError } from "@/lib/core/result";

export type PublishActionResult =
  | { ok: true; slug: string; version: number; created: boolean }
  | { ok: false; error: AppError };

/** Session actor → lib/publish (validation, editor rule, one transaction) → refresh the cached public pages. */
export async function publishSummaryAction(articleId: number, input: unknown): Promise<PublishActionResult> {
  const actor = await requireActionActor("editor");
  if (!actor.ok) return actor;
  const result = publishSummary(getDb(), actor.value, articleId, input);
  if (!result.ok) return result;
  const { summary, publication, created } = result.value;
  if (created) revalidatePublicSummary(summary.slug);
  revalidatePath(`/articles/${articleId}/publish`);
  return { ok: true, slug: summary.slug, version: publication.version, created };
}

export type WithdrawActionResult = { ok: true; slug: string } | { ok: false; error: AppError };

export async function withdrawSummaryAction(articleId: number, input: unknown): Promise<WithdrawActionResult> {
  const actor = await requireActionActor("editor");
  if (!actor.ok) return actor;
  const result = withdrawSummary(getDb(), actor.value, articleId, input);
  if (!result.ok) return result;
  revalidatePublicSummary(result.value.slug);
  revalidatePath(`/articles/${articleId}/publish`);
  return { ok: true, slug: result.value.slug };
}
