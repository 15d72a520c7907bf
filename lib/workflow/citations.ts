import type { Citation } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { refuse, type FieldErrors } from "@/lib/core/result";
import type { ParsedCitationInput } from "@/lib/validations/claims";
import { quoteMismatch } from "@/lib/validations/quote";
import { sha256Hex } from "./hash";
import { articleBody, claimCitation, insertCitation } from "./statements";
import { nowIso } from "@/lib/core/transaction";
import { type DbExecutor } from "@/db/client";

const blankToNull = (value: string | null | undefined): string | null =>
  value == null || value.trim() === "" ? null : value.trim();

function normalizeAccessedAt(value: string | null | undefined): string {
  const given = blankToNull(value);
  if (given == null) return nowIso();
  return given.length === 10 ? given : new Date(given).toISOString();
}

/**
 * Checks citations against the desk's articles (the article exists; when offsets are given they lie
 * inside its body and the quote is the text there) and inserts them for the claim. Field errors are
 * keyed like the request (`citations.0.quote`) so forms can show them in place.
 */
export async function insertCitations(
  tx: DbExecutor,
  actor: Actor,
  claimId: number,
  inputs: readonly ParsedCitationInput[],
  fieldPrefix = "citations",
): Promise<Citation[]> {
  if (inputs.length === 0) return [];
  const bodies = new Map<number, string>();
  for (const articleId of new Set(inputs.map((c) => c.articleId).filter((id): id is number => id != null))) {
    const article = await articleBody(tx, articleId);
    if (article) bodies.set(article.id, article.body);
  }

  const fields: FieldErrors = {};
  inputs.forEach((citation, index) => {
    if (citation.articleId == null) return;
    const body = bodies.get(citation.articleId);
    const at = `${fieldPrefix}.${index}`;
    if (body === undefined) {
      fields[`${at}.articleId`] = [`There is no article #${citation.articleId}`];
    } else if (citation.quoteStart != null && citation.quoteEnd != null) {
      const mismatch = quoteMismatch(body, citation.quote, { quoteStart: citation.quoteStart, quoteEnd: citation.quoteEnd });
      if (mismatch) fields[`${at}.${mismatch.field}`] = [mismatch.message];
    }
  });
  if (Object.keys(fields).length > 0) refuse("invalid", "Some citations do not match their article", { fields });

  const createdAt = nowIso();
  const inserted: Citation[] = [];
  for (const citation of inputs) {
    inserted.push(
      await insertCitation(tx, {
        claimId,
        kind: citation.kind,
        url: blankToNull(citation.url),
        documentRef: blankToNull(citation.documentRef),
        title: citation.title,
        publisher: blankToNull(citation.publisher),
        quote: citation.quote,
        quoteHash: sha256Hex(citation.quote),
        articleId: citation.articleId ?? null,
        quoteStart: citation.quoteStart ?? null,
        quoteEnd: citation.quoteEnd ?? null,
        accessedAt: normalizeAccessedAt(citation.accessedAt),
        addedById: actor.id,
        createdAt,
      }),
    );
  }
  return inserted;
}

/** Existing citations named by id; every one must belong to this claim. */
export async function findClaimCitations(tx: DbExecutor, claimId: number, ids: readonly number[]): Promise<Citation[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found: Citation[] = [];
  for (const id of unique) {
    const citation = await claimCitation(tx, id, claimId);
    if (citation) found.push(citation);
  }
  if (found.length !== unique.length) {
    const foundIds = new Set(found.map((c) => c.id));
    const missing = unique.filter((id) => !foundIds.has(id));
    refuse("invalid", "Some of the named citations are not this claim's", {
      fields: { citationIds: [`Citation${missing.length > 1 ? "s" : ""} ${missing.map((id) => `#${id}`).join(", ")} not found on this claim`] },
    });
  }
  return found;
}
