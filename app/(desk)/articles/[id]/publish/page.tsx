import type { Metadata } from "next";
import { toId } from "@/lib/core/ids";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExternalLink } from "lucide-react";
import { Badge } from "@/app/_components/badge";
import { ButtonLink } from "@/app/_components/button";
import { EmptyState } from "@/app/_components/empty-state";
import { Card, PageHeader } from "@/app/_components/page-header";
import { longDate } from "@/app/summaries/_components/format";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { suggestedSlug } from "@/lib/publish/publish";
import { getEditorSummaryState } from "@/lib/publish/queries";
import { publicUrl } from "@/lib/publish/config";
import { publicClaim } from "@/lib/publish/public-view";
import { PublishForm } from "./publish-form";
import { PublishedNotice } from "./published-notice";
import { WithdrawForm } from "./withdraw-form";

export const metadata: Metadata = { title: "Publish summary" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PublishPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  await requirePageActor("editor");
  const { id } = await params;
  const query = await searchParams;
  const articleId = toId(id);
  if (articleId === null) notFound();
  const db = getDb();
  const state = await getEditorSummaryState(db, articleId);
  if (!state) notFound();
  const { article, verifiedClaims, published } = state;
  const defaultTitle = published?.title ?? `Fact-check: ${article.title}`;
  const slug = published ? published.slug : await suggestedSlug(db, defaultTitle);
  const reReview = published?.claims.filter((c) => c.underReReview) ?? [];
  // Set by the form after a publication (?published=N): the outcome, said at the top.
  const justPublished = typeof query.published === "string" && published && Number(query.published) === published.currentVersion ? published.currentVersion : null;

  return (
    <>
      <PageHeader
        title={published ? "Update the public summary" : "Publish a summary"}
        description={
          <>
            Of{" "}
            <Link href={`/articles/${article.id}`} className="font-medium text-slate-800 underline underline-offset-2">
              {article.title}
            </Link>
            {article.publisher ? ` (${article.publisher})` : ""}. Only verified claims are published, with their verdicts, sources and
            sign-offs as they stand at that moment.
          </>
        }
        actions={
          published ? (
            <ButtonLink href={`/summaries/${published.slug}`} variant="secondary" target="_blank">
              <ExternalLink aria-hidden className="size-4" />
              View public page
            </ButtonLink>
          ) : undefined
        }
      />

      {justPublished && published && <PublishedNotice version={justPublished} slug={published.slug} repeat={query.repeat === "1"} />}

      {published && (
        <Card className="mb-6">
          <h2 className="text-base font-semibold">Live now</h2>
          <p className="mt-1 text-sm text-slate-700">
            Version {published.currentVersion}, published {longDate(published.publishedAt)} by {published.publishedBy}
            {published.currentVersion > 1 ? ` (first published ${longDate(published.firstPublishedAt)})` : ""}.{" "}
            {published.withdrawn ? (
              <Badge tone="red">Withdrawn {longDate(published.withdrawn.at)}</Badge>
            ) : (
              <Badge>{published.claims.length} claim{published.claims.length === 1 ? "" : "s"}</Badge>
            )}
          </p>
          {published.withdrawn && <p className="mt-2 text-sm text-red-900">Public reason: {published.withdrawn.reason}</p>}
          {reReview.length > 0 && (
            <div className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200 ring-inset">
              <p className="font-semibold">
                {reReview.length} published claim{reReview.length === 1 ? " is" : "s are"} back in the workflow and marked “under
                re-review” on the public page:
              </p>
              <ul className="mt-1 list-disc pl-5">
                {reReview.map((claim) => (
                  <li key={claim.id}>
                    <Link href={`/claims/${claim.id}`} className="underline">
                      {claim.text}
                    </Link>
                  </li>
                ))}
              </ul>
              <p className="mt-1">Once re-verified (or to drop them), republish with a correction note.</p>
            </div>
          )}
          {!published.withdrawn && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <WithdrawForm articleId={article.id} />
            </div>
          )}
        </Card>
      )}

      {verifiedClaims.length === 0 ? (
        <EmptyState title="Nothing to publish yet">
          This article has no verified claims. Only verified claims can be in a summary: review and verify at least one first
          {published ? ", or withdraw the summary above" : ""}.
        </EmptyState>
      ) : (
        <PublishForm
          // A fresh form for each version: the next correction note starts empty.
          key={published?.currentVersion ?? 0}
          articleId={article.id}
          article={{ id: article.id, title: article.title, sourceUrl: article.sourceUrl, publisher: article.publisher, publishedAt: null }}
          // The preview shows what readers will see: through the same leak filter as the public page.
          verifiedClaims={verifiedClaims.map((claim) => publicClaim(claim, { id: article.id, title: article.title, sourceUrl: article.sourceUrl, publisher: article.publisher, publishedAt: null }, publicUrl()))}
          defaultTitle={defaultTitle}
          suggestedSlug={slug}
          published={
            published
              ? {
                  slug: published.slug,
                  version: published.currentVersion,
                  title: published.title,
                  introduction: published.introduction,
                  withdrawn: published.withdrawn != null,
                  snapshotClaims: published.claims,
                }
              : null
          }
        />
      )}
    </>
  );
}
