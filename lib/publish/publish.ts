import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import type { Publication, Summary } from "@/db/schema";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { fail, refuse } from "@/lib/core/result";
import { nowIso } from "@/lib/core/transaction";
import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { parseInput } from "@/lib/core/parse";
import { type DbExecutor } from "@/db/client";
import { publishSummarySchema, withdrawSummarySchema } from "@/lib/validations/publish";
import { buildSnapshot, parseSnapshot, publicationContentHash } from "./snapshot";
import { canPublishSummary, canWithdrawSummary } from "@/lib/workflow/rules";
import { firstFreeSlugOf } from "./slug";
import type { SummarySnapshot } from "./types";

export interface PublishOutcome {
  summary: Summary;
  publication: Publication;
  /** false when the request repeated the latest publication exactly (a double click): nothing new was written. */
  created: boolean;
}

/** On PostgreSQL, first publications take this transaction-scoped advisory lock before they choose an address (see publishSummary). */
export const SUMMARY_SLUG_LOCK = 1_700_217;

/**
 * A query that, on PostgreSQL, locks the rows it reads until the transaction ends (SQLite's BEGIN
 * IMMEDIATE already serialises writers). FOR NO KEY UPDATE: it excludes every other publish or
 * withdrawal of the row as FOR UPDATE would, but not the key-share locks of foreign keys, so claims
 * can still be added to the article meanwhile.
 */
function forUpdate<Q>(tx: DbExecutor, query: Q): Q {
  return engineOf(tx) === "postgres" ? (query as unknown as { for(strength: "no key update"): Q }).for("no key update") : query;
}

/**
 * Publishes (version 1) or republishes (version N+1, a correction) the summary of an article, in one
 * transaction. Editors only.
 *
 * Racing publications of one summary have one winner and the others answer as if they came after it,
 * on both engines: SQLite runs the transaction under BEGIN IMMEDIATE; PostgreSQL reads the article and
 * its summary FOR NO KEY UPDATE (the loser waits, then reads the winner's version), and a first publication
 * also takes SUMMARY_SLUG_LOCK before it checks and takes an address, so two articles cannot both take
 * one free slug.
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

  return inTransactionWithEvents(db, async (tx, record) => {
    const { articles, summaries } = tablesOf(tx);
    const now = nowIso();
    const published = (summary: Summary, publication: Publication): PublishOutcome => {
      record({ kind: "summary.published", summaryId: summary.id, articleId, slug: summary.slug, version: publication.version, actorId: actor.id, at: now });
      return { summary, publication, created: true };
    };
    const article = await firstRow(forUpdate(tx, tx.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId))));
    if (!article) refuse("not_found", "There is no such article.");

    const built = await buildSnapshot(tx, articleId, claimIds);
    if (!built.ok) refuse(built.error.code, built.error.message, { fields: built.error.fields, details: built.error.details });
    const snapshot: SummarySnapshot = built.value;
    const summary = await firstRow(forUpdate(tx, tx.select().from(summaries).where(eq(summaries.articleId, articleId))));

    if (!summary) {
      if (expectedVersion != null && expectedVersion !== 0) {
        refuse("conflict", "This summary is not published yet; reload the page.", { details: { currentVersion: 0 } });
      }
      if (engineOf(tx) === "postgres") await (tx as unknown as PgExecutor).execute(sql`SELECT pg_advisory_xact_lock(${SUMMARY_SLUG_LOCK})`);
      const taken = (candidate: string) => slugTaken(tx, candidate);
      if (slug && (await taken(slug))) {
        refuse("invalid", `Another summary already lives at /summaries/${slug}. Choose another address.`, {
          fields: { slug: [`Already taken; “${await firstFreeSlugOf(slug, taken)}” is free`] },
        });
      }
      const [created] = await tx
        .insert(summaries)
        .values({ articleId, slug: slug ?? (await firstFreeSlugOf(title, taken)), currentVersion: 1, updatedAt: now })
        .returning();
      return published(created, await insertPublication(tx, created.id, 1, { title, introduction, correctionNote: null, snapshot, actor, now }));
    }

    const { publications } = tablesOf(tx);
    const latest = await firstRow(
      tx
        .select()
        .from(publications)
        .where(and(eq(publications.summaryId, summary.id), eq(publications.version, summary.currentVersion))),
    );
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
    const publication = await insertPublication(tx, summary.id, version, {
      title,
      introduction,
      correctionNote,
      snapshot: reinstatedSnapshot,
      actor,
      now,
    });
    const [updated] = await tx
      .update(summaries)
      .set({ currentVersion: version, updatedAt: now, withdrawnAt: null, withdrawnReason: null, withdrawnById: null })
      .where(and(eq(summaries.id, summary.id), eq(summaries.currentVersion, summary.currentVersion)))
      .returning();
    if (!updated) refuse("conflict", "Someone else published this summary at the same moment; reload and try again.");
    return published(updated, publication);
  });
}

/** The address the publish form suggests for a first publication with this title: free right now. */
export async function suggestedSlug(db: DbExecutor, title: string): Promise<string> {
  return firstFreeSlugOf(title, (candidate) => slugTaken(db, candidate));
}

async function slugTaken(tx: DbExecutor, slug: string): Promise<boolean> {
  const { summaries } = tablesOf(tx);
  return (await firstRow(tx.select({ id: summaries.id }).from(summaries).where(eq(summaries.slug, slug)))) != null;
}

async function insertPublication(
  tx: DbExecutor,
  summaryId: number,
  version: number,
  values: { title: string; introduction: string; correctionNote: string | null; snapshot: SummarySnapshot; actor: Actor; now: string },
): Promise<Publication> {
  const { publications } = tablesOf(tx);
  const [publication] = await tx
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
    .returning();
  return publication;
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
  return inTransactionWithEvents(db, async (tx, record) => {
    const { summaries } = tablesOf(tx);
    // Locked on PostgreSQL: of two racing withdrawals one withdraws, the other finds it withdrawn.
    const summary = Number.isSafeInteger(articleId)
      ? await firstRow(forUpdate(tx, tx.select().from(summaries).where(eq(summaries.articleId, articleId))))
      : undefined;
    if (!summary) refuse("not_found", "This article has no published summary to withdraw.");
    if (summary.withdrawnAt) refuse("conflict", "This summary is already withdrawn.");
    const now = nowIso();
    const [withdrawn] = await tx
      .update(summaries)
      .set({ withdrawnAt: now, withdrawnReason: parsed.value.reason, withdrawnById: actor.id, updatedAt: now })
      .where(eq(summaries.id, summary.id))
      .returning();
    record({ kind: "summary.withdrawn", summaryId: summary.id, articleId: summary.articleId, slug: summary.slug, version: summary.currentVersion, actorId: actor.id, at: now });
    return withdrawn;
  });
}
