import type { Metadata } from "next";
import { toId } from "@/lib/core/ids";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExternalLink, Send } from "lucide-react";
import { StateBadge, VerdictBadge } from "@/app/_components/badge";
import { ButtonLink } from "@/app/_components/button";
import { PageHeader } from "@/app/_components/page-header";
import { getDb } from "@/db/client";
import { getArticle } from "@/lib/articles/articles";
import { loadArticleCandidates } from "@/lib/articles/candidates";
import { claimCountsByArticle } from "@/lib/articles/claim-counts";
import { requirePageActor } from "@/lib/auth/guards";
import { checkworthinessThreshold } from "@/lib/extract";
import { listClaimRows } from "@/lib/workflow";
import { canPublishSummary } from "@/lib/workflow/rules";
import { matchCandidates } from "@/lib/match";
import { summaryStateLabel, summaryStateOf } from "@/lib/publish/summary-state";
import { formatPublished, hostOf } from "../format";
import { ArticleReader } from "./article-reader";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = toId((await params).id);
  const article = id ? await getArticle(getDb(), id) : null;
  return { title: article?.title ?? "Article" };
}

export default async function ArticlePage({ params }: { params: Params }) {
  const actor = await requirePageActor("reporter");
  const id = toId((await params).id);
  const db = getDb();
  const article = id ? await getArticle(db, id) : null;
  if (!article) notFound();
  const loaded = await loadArticleCandidates(db, article.id);
  const candidates = loaded.ok ? loaded.value : [];
  const counts = (await claimCountsByArticle(db, [article.id])).get(article.id);
  const claimsPage = await listClaimRows(db, { articleId: article.id, sort: "newest" }, { limit: 100 });
  const articleClaims = claimsPage.ok ? claimsPage.value.data : [];
  const published = formatPublished(article.publishedAt);
  const host = hostOf(article.sourceUrl);
  const summary = await summaryStateOf(db, article.id);
  const mayPublish = canPublishSummary(actor).allowed;
  // Earlier fact-checks of each offered sentence (issue #13), keyed by where the sentence starts.
  const offered = candidates.filter((c) => !c.boilerplate);
  const matches = matchCandidates(db, offered.map((c) => c.text));
  const checkedBefore = Object.fromEntries(offered.map((c, i) => [c.start, matches[i] ?? []]).filter(([, found]) => (found as unknown[]).length > 0));

  return (
    <>
      <PageHeader
        title={<span className="font-serif">{article.title}</span>}
        description={
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            {article.publisher && <span className="font-medium text-slate-800">{article.publisher}</span>}
            {published && (
              <>
                <span aria-hidden>·</span>
                <time dateTime={article.publishedAt ?? undefined}>{published}</time>
              </>
            )}
            {article.sourceUrl && (
              <>
                <span aria-hidden>·</span>
                <a href={article.sourceUrl} className="inline-flex items-center gap-1 text-blue-700 hover:underline" rel="noreferrer noopener" target="_blank">
                  {host ?? "Source"}
                  <ExternalLink aria-hidden className="size-3.5" />
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
              </>
            )}
            {summary && (
              <>
                <span aria-hidden>·</span>
                {summary.slug && summary.kind !== "withdrawn" ? (
                  <a href={`/summaries/${summary.slug}`} className="hover:underline" data-testid="summary-state">
                    {summaryStateLabel(summary)}
                  </a>
                ) : (
                  <span data-testid="summary-state">{summaryStateLabel(summary)}</span>
                )}
              </>
            )}
            <span aria-hidden>·</span>
            <a href="#claims" className="hover:underline">
              {counts?.total ? `${counts.total} claim${counts.total === 1 ? "" : "s"} (${counts.verified} verified)` : "No claims yet"}
            </a>
          </span>
        }
        actions={
          mayPublish ? (
            // The primary action when publishing would change what readers see (new verdicts, a returned claim, a withdrawal to undo).
            <ButtonLink href={`/articles/${article.id}/publish`} variant={summary?.publishable ? "primary" : "secondary"}>
              <Send aria-hidden className="size-4" />
              {summary?.kind === "unpublished" ? "Publish summary" : summary?.publishable ? "Republish summary" : "Publish summary"}
            </ButtonLink>
          ) : undefined
        }
      />
      {!loaded.ok && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          Sentences could not be ranked this time: {loaded.error.message} The text is shown without candidates.
        </p>
      )}
      <ArticleReader articleId={article.id} body={article.body} candidates={candidates} defaultThreshold={checkworthinessThreshold()} checkedBefore={checkedBefore} />
      <section id="claims" aria-labelledby="claims-heading" className="mt-8 scroll-mt-6">
        <h2 id="claims-heading" className="mb-3 text-base font-semibold text-slate-900">
          Claims from this article
        </h2>
        {articleClaims.length === 0 ? (
          <p className="text-sm text-slate-600">None yet. Use “Make claim” on a sentence to start one.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            {articleClaims.map((claim) => (
              <li key={claim.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <StateBadge state={claim.state} />
                {claim.verdict && <VerdictBadge verdict={claim.verdict} />}
                <Link href={`/claims/${claim.id}`} className="min-w-0 flex-1 text-slate-900 hover:text-blue-700 hover:underline">
                  {claim.text}
                </Link>
                <span className="text-xs text-slate-600">by {claim.submitterName}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
