import { eq } from "drizzle-orm";
import type { Article } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";
import { fail, ok, type Result } from "@/lib/core/result";
import { listVerifiedClaimsOfArticle, roundSignoffs, signedCitationIds, type SignoffView } from "@/lib/workflow";
import { canonicalJson, sha256Hex, type JsonValue } from "@/lib/workflow/hash";
import type { DbExecutor } from "@/db/client";
import { isPublishableCitation } from "./signed-citations";
import { SNAPSHOT_FORMAT, type SnapshotClaim, type SnapshotPerson, type SummarySnapshot } from "./types";

const person = (signoff: SignoffView | null): SnapshotPerson | null => (signoff ? { name: signoff.userName, at: signoff.createdAt } : null);

/** The verified claims of an article, oldest first, as they would be published right now. */
export async function verifiedClaimsOf(db: DbExecutor, articleId: number): Promise<SnapshotClaim[]> {
  const article = await articleOf(db, articleId);
  return article ? verifiedClaimsOfArticle(db, article) : [];
}

async function articleOf(db: DbExecutor, articleId: number): Promise<Article | undefined> {
  const { articles } = tablesOf(db);
  return firstRow(db.select().from(articles).where(eq(articles.id, articleId)));
}

async function verifiedClaimsOfArticle(db: DbExecutor, article: Article): Promise<SnapshotClaim[]> {
  const result: SnapshotClaim[] = [];
  for (const claim of await listVerifiedClaimsOfArticle(db, article.id)) {
    // The verify and review of the current round are what the verdict rests on; the submit is the first sign-off.
    const { submit, review, verify } = await roundSignoffs(claim.signoffs, claim.round);
    if (!verify || !claim.verdict) continue; // a verified claim always has both; skip rather than publish half a record
    // Only sources a sign-off rests on are published (see signed-citations.ts).
    const signed = await signedCitationIds(claim.signoffs);
    const claimCitations = claim.citations.filter((c) => isPublishableCitation(c.id, signed));
    const origin = claimCitations.find((c) => c.kind === "origin") ?? null;
    result.push({
      id: claim.id,
      text: claim.text,
      textHash: claim.textHash,
      verdict: claim.verdict,
      round: claim.round,
      claimVersion: claim.version,
      explanation: verify.note,
      submittedBy: person(submit),
      reviewedBy: person(review),
      verifiedBy: person(verify)!,
      appearance: origin
        ? {
            url: origin.url ?? (origin.articleId === article.id || origin.articleId == null ? article.sourceUrl : null),
            title: origin.title,
            publisher: origin.publisher,
            quote: origin.quote,
            datePublished: origin.articleId === article.id ? article.publishedAt : null,
          }
        : null,
      citations: claimCitations.map((c) => ({
        id: c.id,
        kind: c.kind,
        url: c.url,
        documentRef: c.documentRef,
        title: c.title,
        publisher: c.publisher,
        quote: c.quote,
        accessedAt: c.accessedAt,
      })),
    });
  }
  return result;
}

export function articleRef(article: Article): SummarySnapshot["article"] {
  return {
    id: article.id,
    title: article.title,
    sourceUrl: article.sourceUrl,
    publisher: article.publisher,
    publishedAt: article.publishedAt,
  };
}

/**
 * Builds the snapshot to publish: the article's verified claims (or the chosen subset of them).
 * Refuses a choice naming a claim that is not a verified claim of this article, and an empty summary.
 */
export async function buildSnapshot(db: DbExecutor, articleId: number, claimIds?: readonly number[]): Promise<Result<SummarySnapshot>> {
  const article = await articleOf(db, articleId);
  if (!article) return fail("not_found", "There is no such article.");
  const verified = await verifiedClaimsOfArticle(db, article);
  let chosen = verified;
  if (claimIds) {
    const available = new Set(verified.map((c) => c.id));
    const missing = claimIds.filter((id) => !available.has(id));
    if (missing.length > 0) {
      return fail("invalid", "Only verified claims of this article can be in its summary.", {
        fields: { claimIds: [`Not a verified claim of this article: #${missing.join(", #")}`] },
        details: { claimIds: missing },
      });
    }
    const wanted = new Set(claimIds);
    chosen = verified.filter((c) => wanted.has(c.id));
  }
  if (chosen.length === 0) {
    return fail(
      "invalid",
      verified.length === 0
        ? "This article has no verified claims yet. Only verified claims can be published; verify at least one first."
        : "Choose at least one verified claim to publish.",
      { fields: { claimIds: ["A summary needs at least one verified claim"] } },
    );
  }
  return ok({ format: SNAPSHOT_FORMAT, article: articleRef(article), claims: chosen });
}

/**
 * What makes two publications the same: title, introduction and the claims' content. Times of the
 * sign-offs are included (a re-verification is a change); `reinstated` is not (it records history).
 */
export function publicationContentHash(title: string, introduction: string, snapshot: SummarySnapshot): string {
  const { reinstated: _reinstated, ...content } = snapshot;
  return sha256Hex(canonicalJson({ title, introduction, snapshot: content } as unknown as JsonValue));
}

export function parseSnapshot(json: string): SummarySnapshot {
  return JSON.parse(json) as SummarySnapshot;
}
