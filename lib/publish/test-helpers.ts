import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import type { Verdict } from "@/lib/core/vocabulary";
import type { Actor } from "@/lib/core/actor";
import { submitClaim, transitionClaim } from "@/lib/workflow";
import { sha256Hex } from "@/lib/workflow/hash";
import { citation, createDesk, createDeskOn, originCitation, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import type { ClaimDetail } from "@/lib/workflow/types";

export { unwrap, refusal } from "@/lib/workflow/test-fixtures";

export interface PublishDesk extends Desk {
  /** A claim on the desk's article taken through submit → review → verify. */
  verified: (text: string, verdict: Verdict, articleId?: number) => Promise<ClaimDetail>;
  returnClaim: (claim: ClaimDetail, by?: Actor) => Promise<ClaimDetail>;
  reverify: (claim: ClaimDetail, verdict: Verdict) => Promise<ClaimDetail>;
}

/** Where the desk's article appeared: a published summary cites it. */
const ARTICLE_SOURCE = { sourceUrl: "https://news.example/clemency", publisher: "Example News", publishedAt: "2018-06-07" };

/** A publishing desk on any engine (its own users and article, so desks can share one database). */
export async function createPublishDeskOn(db: Db): Promise<PublishDesk> {
  const desk = await createDeskOn(db);
  const { articles } = tablesOf(db);
  await db.update(articles).set(ARTICLE_SOURCE).where(eq(articles.id, desk.articleId));
  return withPublishing(desk);
}

/** A publishing desk on a fresh SQLite database in memory, made synchronously (for tests not yet on onEveryEngine). */
export function createPublishDesk(): PublishDesk {
  const desk = createDesk();
  const { articles } = tablesOf(desk.db);
  desk.db.update(articles).set(ARTICLE_SOURCE).where(eq(articles.id, desk.articleId)).run(); // sqlite-branch
  return withPublishing(desk);
}

function withPublishing(desk: Desk): PublishDesk {
  const review = async (claim: ClaimDetail, by: Actor) =>
    unwrap(
      await transitionClaim(desk.db, by, claim.id, {
        action: "review",
        note: "Checked against the record.",
        citationIds: claim.citations.map((c) => c.id),
        expectedVersion: claim.version,
      }),
    );
  const verify = async (claim: ClaimDetail, by: Actor, verdict: Verdict) =>
    unwrap(
      await transitionClaim(desk.db, by, claim.id, {
        action: "verify",
        verdict,
        note: `Verdict ${verdict}: the court record settles it.`,
        citations: [citation({ title: "Court record", url: "https://court.example/case/1", quote: "Sentenced to life." })],
        expectedVersion: claim.version,
      }),
    );
  return {
    ...desk,
    verified: async (text, verdict, articleId = desk.articleId) => {
      const submitted = unwrap(
        await submitClaim(desk.db, desk.reporter, { text, articleId, citations: [originCitation(articleId, articleId === desk.articleId ? {} : { quoteStart: null, quoteEnd: null, quote: "A quoted line." })] }),
      );
      return verify(await review(submitted, desk.editorA), desk.editorB, verdict);
    },
    returnClaim: async (claim, by = desk.editorA) =>
      unwrap(
        await transitionClaim(desk.db, by, claim.id, {
          action: "return",
          note: "New evidence on her age; reopening.",
          citationIds: [claim.citations[0].id],
          expectedVersion: claim.version,
        }),
      ),
    reverify: async (claim, verdict) => verify(await review(claim, desk.editorC), desk.editorB, verdict),
  };
}

export { originCitation, sha256Hex };
