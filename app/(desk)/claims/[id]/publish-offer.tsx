import { eq } from "drizzle-orm";
import { Send } from "lucide-react";
import { ButtonLink } from "@/app/_components/button";
import { getDb } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { requirePageActor } from "@/lib/auth/guards";
import { summaryStateOf } from "@/lib/publish/summary-state";
import { canPublishSummary } from "@/lib/workflow/rules";

/**
 * The way to publishing from the claim just verified: once no claim of its article is still in the
 * workflow, and publishing would change what readers see, an editor is offered the publish page.
 * Renders nothing otherwise (the claim is not verified, the viewer may not publish, claims are still
 * open, or the summary already shows every verdict).
 */
export async function PublishOffer({ claimId }: { claimId: number }) {
  const actor = await requirePageActor();
  if (!canPublishSummary(actor).allowed) return null;
  const db = getDb();
  const { articles, claims } = tablesOf(db);
  const claim = await firstRow(db.select({ state: claims.state, articleId: claims.articleId }).from(claims).where(eq(claims.id, claimId)));
  if (!claim || claim.state !== "verified" || claim.articleId == null) return null;
  const state = await summaryStateOf(db, claim.articleId);
  if (!state || state.open > 0 || !state.publishable) return null;
  const article = await firstRow(db.select({ title: articles.title }).from(articles).where(eq(articles.id, claim.articleId)));
  if (!article) return null;

  const all = state.verified === 1 ? "The article's only claim is verified" : `All ${state.verified} claims of this article are verified`;
  const what =
    state.kind === "unpublished"
      ? "Its summary is not published yet."
      : state.kind === "withdrawn"
        ? `Its summary was withdrawn at version ${state.version}.`
        : `The public summary (version ${state.version}) does not show ${state.newlyVerified === 1 ? "this verdict" : "every verdict"} yet.`;
  return (
    <section
      aria-labelledby="publish-offer-heading"
      className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-950 ring-1 ring-emerald-200 ring-inset"
    >
      <div>
        <h2 id="publish-offer-heading" className="font-semibold">
          Ready to publish
        </h2>
        <p className="mt-0.5">
          {all} (“{article.title}”). {what}
        </p>
      </div>
      <ButtonLink href={`/articles/${claim.articleId}/publish`}>
        <Send aria-hidden className="size-4" />
        Publish the summary
      </ButtonLink>
    </section>
  );
}
