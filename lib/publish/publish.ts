import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { articles, publications, summaries, type Publication, type Summary } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { fail, refuse } from "@/lib/core/result";
import { nowIso } from "@/lib/core/transaction";
import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { parseInput } from "@/lib/core/parse";
import { type DbExecutor } from "@/db/client";
import { publishSummarySchema, withdrawSummarySchema } from "@/lib/validations/publish";
import { buildSnapshot, parseSnapshot, publicationContentHash } from "./snapshot";
import { canPublishSummary, canWithdrawSummary } from "@/lib/workflow/rules";
import { firstFreeSlug } from "./slug";
import type { SummarySnapshot } from "./types";

export interface PublishOutcome {
  summary: Summary;
  publication: Publication;
  /** false when the request repeated the latest publication exactly (a double click): nothing new was written. */
  created: boolean;
}

/**
 * Publishes (version 1) or republishes (version N+1, a correction) the summary of an article, in one
 * IMMEDIATE transaction. Editors only.
 *
 * Double submits publish once: a request whose content (title, introduction, claims) and correction
 * note equal the latest version returns that version with `created: false`. `expectedVersion`, when
 * sent, refuses a publication made meanwhile by someone else (conflict) unless it is that same repeat.
 * `slug` picks the address at version 1 (a taken or malformed one is a field error); it never changes.
 * Records summary.published for each new version (none for the repeat).
 */
export async function publishSummary(db: Db, actor: Actor, articleId: number, input: unknown): Promise<WithEvents<PublishOutcome>> {
  const mayPublish = canPublishSummary(actor);
  if (!mayPublish.allowed) return noEvents(fail(mayPublish.code, `${mayPublish.reason}.`));
  if (!Number.isSafeInteger(articleId) || articleId < 1) return noEvents(fail("not_found", "There is no such article."));
  const parsed = parseInput(publishSummarySchema, input);
  if (!parsed.ok) return noEvents(parsed);
  const { title, introduction, claimIds, expectedVersion, slug } = parsed.value;
  const correctionNote = parsed.value.correctionNote?.trim() || null;

  return inTransactionWithEvents(db, (tx, record) => {
    const now = nowIso();
    const published = (summary: Summary, publication: Publication): PublishOutcome => {
      record({ kind: "summary.published", summaryId: summary.id, articleId, slug: summary.slug, version: publication.version, actorId: actor.id, at: now });
      return { summary, publication, created: true };
    };
    const article = tx.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId)).get();
    if (!article) refuse("not_found", "There is no such article.");

    const built = buildSnapshot(tx, articleId, claimIds);
    if (!built.ok) refuse(built.error.code, built.error.message, { fields: built.error.fields, details: built.error.details });
    const snapshot: SummarySnapshot = built.value;
    const summary = tx.select().from(summaries).where(eq(summaries.articleId, articleId)).get();

    if (!summary) {
      if (expectedVersion != null && expectedVersion !== 0) {
        refuse("conflict", "This summary is not published yet; reload the page.", { details: { currentVersion: 0 } });
      }
      const taken = (candidate: string) => slugTaken(tx, candidate);
      if (slug && taken(slug)) {
        refuse("invalid", `Another summary already lives at /summaries/${slug}. Choose another address.`, {
          fields: { slug: [`Already taken; “${firstFreeSlug(slug, taken)}” is free`] },
        });
      }
      const created = tx
        .insert(summaries)
        .values({ articleId, slug: slug ?? firstFreeSlug(title, taken), currentVersion: 1, updatedAt: now })
        .returning()
        .get();
      return published(created, insertPublication(tx, created.id, 1, { title, introduction, correctionNote: null, snapshot, actor, now }));
    }

    const latest = tx
      .select()
      .from(publications)
      .where(and(eq(publications.summaryId, summary.id), eq(publications.version, summary.currentVersion)))
      .get();
    if (!latest) throw new Error(`Summary ${summary.id} has no publication for its current version ${summary.currentVersion}`);
    // Links, feeds and search engines point at the address; it is chosen once, at version 1.
    if (slug != null && slug !== summary.slug) {
      refuse("invalid", `This summary's address is /summaries/${summary.slug} and stays so; it cannot change after the first publication.`, {
        fields: { slug: [`Fixed at “${summary.slug}” since version 1`] },
      });
    }

    const sameContent =
      publicationContentHash(latest.title, latest.introduction, parseSnapshot(latest.snapshot)) ===
      publicationContentHash(title, introduction, snapshot);
    if (sameContent && !summary.withdrawnAt) {
      if ((latest.correctionNote ?? null) === correctionNote) {
        return { summary, publication: latest, created: false };
      }
      refuse("conflict", `Nothing has changed since version ${summary.currentVersion} was published, so there is nothing to correct.`, {
        details: { currentVersion: summary.currentVersion },
      });
    }
    if (expectedVersion != null && expectedVersion !== summary.currentVersion) {
      refuse(
        "conflict",
        `Version ${summary.currentVersion} was published while you were editing. Reload to see it before publishing again.`,
        { details: { currentVersion: summary.currentVersion } },
      );
    }
    if (!correctionNote) {
      refuse("invalid", "Republishing is a correction: say what changed and why.", {
        fields: { correctionNote: ["Write the correction note readers will see"] },
      });
    }

    const version = summary.currentVersion + 1;
    const reinstatedSnapshot: SummarySnapshot = summary.withdrawnAt
      ? { ...snapshot, reinstated: { withdrawnAt: summary.withdrawnAt, reason: summary.withdrawnReason ?? "" } }
      : snapshot;
    const publication = insertPublication(tx, summary.id, version, {
      title,
      introduction,
      correctionNote,
      snapshot: reinstatedSnapshot,
      actor,
      now,
    });
    const updated = tx
      .update(summaries)
      .set({ currentVersion: version, updatedAt: now, withdrawnAt: null, withdrawnReason: null, withdrawnById: null })
      .where(and(eq(summaries.id, summary.id), eq(summaries.currentVersion, summary.currentVersion)))
      .returning()
      .get();
    if (!updated) refuse("conflict", "Someone else published this summary at the same moment; reload and try again.");
    return published(updated, publication);
  });
}

/** The address the publish form suggests for a first publication with this title: free right now. */
export function suggestedSlug(db: DbExecutor, title: string): string {
  return firstFreeSlug(title, (candidate) => slugTaken(db, candidate));
}

function slugTaken(tx: DbExecutor, slug: string): boolean {
  return tx.select({ id: summaries.id }).from(summaries).where(eq(summaries.slug, slug)).get() != null;
}

function insertPublication(
  tx: DbExecutor,
  summaryId: number,
  version: number,
  values: { title: string; introduction: string; correctionNote: string | null; snapshot: SummarySnapshot; actor: Actor; now: string },
): Publication {
  return tx
    .insert(publications)
    .values({
      summaryId,
      version,
      title: values.title,
      introduction: values.introduction,
      correctionNote: values.correctionNote,
      snapshot: JSON.stringify(values.snapshot),
      publishedById: values.actor.id,
      publishedAt: values.now,
    })
    .returning()
    .get();
}

/**
 * Withdraws a published summary with a public reason. The page stays up and says so; earlier
 * versions stay readable. Republishing later puts it back up as a new version. Records summary.withdrawn.
 */
export async function withdrawSummary(db: Db, actor: Actor, articleId: number, input: unknown): Promise<WithEvents<Summary>> {
  const mayWithdraw = canWithdrawSummary(actor);
  if (!mayWithdraw.allowed) return noEvents(fail(mayWithdraw.code, `${mayWithdraw.reason}.`));
  const parsed = parseInput(withdrawSummarySchema, input);
  if (!parsed.ok) return noEvents(parsed);
  return inTransactionWithEvents(db, (tx, record) => {
    const summary = Number.isSafeInteger(articleId)
      ? tx.select().from(summaries).where(eq(summaries.articleId, articleId)).get()
      : undefined;
    if (!summary) refuse("not_found", "This article has no published summary to withdraw.");
    if (summary.withdrawnAt) refuse("conflict", "This summary is already withdrawn.");
    const now = nowIso();
    const withdrawn = tx
      .update(summaries)
      .set({ withdrawnAt: now, withdrawnReason: parsed.value.reason, withdrawnById: actor.id, updatedAt: now })
      .where(eq(summaries.id, summary.id))
      .returning()
      .get();
    record({ kind: "summary.withdrawn", summaryId: summary.id, articleId: summary.articleId, slug: summary.slug, version: summary.currentVersion, actorId: actor.id, at: now });
    return withdrawn;
  });
}
