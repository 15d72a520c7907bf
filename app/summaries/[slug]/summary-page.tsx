import type { Metadata } from "next";
import Link from "next/link";
import { FileJson, FileText, Rss } from "lucide-react";
import { buildClaimReviews, jsonLdScript } from "@/lib/publish/claim-review";
import { orgName, publicUrl, summaryPath } from "@/lib/publish/config";
import type { PublicSummary } from "@/lib/publish/types";
import { oembedHref } from "@/lib/publish/oembed";
import { SHARE_IMAGE_SIZE, shareImageAlt } from "../_components/share-meta";
import { longDate } from "../_components/format";
import { EmbedThis } from "../_components/embed-this";
import { PublicSite } from "../_components/public-site";
import { LiveReReviewNotice, LiveSummaryProvider, LiveUpdateNotice } from "../_components/live-status";
import { Banner, ClaimList, CorrectionsLog, SummaryHeader, VerdictTally, VersionList } from "../_components/summary-view";

/** Metadata shared by the current and the archived versions: canonical URL, Open Graph, Twitter, oEmbed. */
export function summaryMetadata(summary: PublicSummary): Metadata {
  const base = publicUrl();
  const url = summary.isCurrent ? summaryPath(summary.slug) : summaryPath(summary.slug, summary.version);
  const description = summary.withdrawn
    ? `Withdrawn: ${summary.withdrawn.reason}`
    : summary.introduction.length > 200
      ? `${summary.introduction.slice(0, 197).trimEnd()}…`
      : summary.introduction;
  const title = summary.isCurrent ? summary.title : `${summary.title} (version ${summary.version})`;
  // The generated card (opengraph-image.tsx beside the page), named here so it carries its own alt text.
  const image = { url: `${url}/opengraph-image`, width: SHARE_IMAGE_SIZE.width, height: SHARE_IMAGE_SIZE.height, alt: shareImageAlt(summary), type: "image/png" };
  return {
    metadataBase: new URL(base),
    title,
    description,
    alternates: {
      canonical: url,
      types: {
        "application/atom+xml": "/summaries/feed.xml",
        "application/json": `/summaries/${summary.slug}.json`,
        "application/json+oembed": oembedHref(`${base}${summaryPath(summary.slug)}`),
      },
    },
    openGraph: {
      type: "article",
      url,
      title,
      description,
      siteName: orgName(),
      locale: "en_GB",
      publishedTime: summary.firstPublishedAt,
      modifiedTime: summary.publishedAt,
      images: [image],
    },
    twitter: { card: "summary_large_image", title, description, images: [{ url: image.url, alt: image.alt, width: image.width, height: image.height }] },
    // Archived versions stay readable, but search engines should index the current one.
    robots: summary.isCurrent ? undefined : { index: false, follow: true },
  };
}

export function SummaryPage({ summary }: { summary: PublicSummary }) {
  const pageHref = summaryPath(summary.slug);
  const versionHref = (version: number) => summaryPath(summary.slug, version);
  const jsonLd = summary.isCurrent ? buildClaimReviews(summary, { baseUrl: publicUrl(), orgName: orgName() }) : [];
  const corrected = summary.version > 1;
  return (
    <PublicSite>
    <LiveSummaryProvider slug={summary.slug} version={summary.version} withdrawn={summary.withdrawn != null}>
      {jsonLd.length > 0 && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(jsonLd) }} />}
      <div className="space-y-8">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-600 print:hidden">
          <Link href="/summaries" className="hover:underline">
            Fact-checks
          </Link>
          <span aria-hidden> / </span>
          <span className="text-slate-900">{summary.isCurrent ? "This fact-check" : `Version ${summary.version}`}</span>
        </nav>

        <div className="space-y-3">
          {summary.isCurrent && <LiveUpdateNotice slug={summary.slug} />}
          {summary.withdrawn && (
            <Banner tone="red">
              <p className="font-semibold">
                This fact-check was withdrawn on {longDate(summary.withdrawn.at)}.
              </p>
              <p className="mt-0.5">{summary.withdrawn.reason}</p>
              <p className="mt-1 text-red-900/80">It is kept here, unchanged, so the record stays public.</p>
            </Banner>
          )}
          {!summary.isCurrent && (
            <Banner tone="amber" icon="history">
              You are reading version {summary.version} of {summary.currentVersion}, published {longDate(summary.publishedAt)}. It has
              been superseded.{" "}
              <Link href={pageHref} className="font-semibold underline">
                Read the current version
              </Link>
              .
            </Banner>
          )}
        </div>

        <div className={summary.withdrawn ? "opacity-70" : undefined}>
          <SummaryHeader title={summary.title} introduction={summary.introduction}>
            <p className="border-y border-slate-200 py-2.5 text-sm text-slate-600">
              By <span className="font-semibold text-slate-800">{orgName()}</span> · Published{" "}
              <time dateTime={summary.firstPublishedAt}>{longDate(summary.firstPublishedAt)}</time>
              {corrected && (
                <>
                  {" "}· Updated <time dateTime={summary.publishedAt}>{longDate(summary.publishedAt)}</time>{" "}
                  <a href="#corrections" className="underline underline-offset-2">
                    (version {summary.version})
                  </a>
                </>
              )}
            </p>
          </SummaryHeader>
        </div>

        {corrected && summary.correctionNote && summary.isCurrent && (
          <Banner tone="blue" icon="history">
            <span className="font-semibold">Correction, {longDate(summary.publishedAt)}:</span> {summary.correctionNote}{" "}
            <a href="#corrections" className="underline">
              See all corrections
            </a>
            .
          </Banner>
        )}

        <VerdictTally claims={summary.claims} />

        <div className={summary.withdrawn ? "opacity-70" : undefined}>
          <ClaimList
            claims={summary.claims}
            pageHref={summary.isCurrent ? pageHref : versionHref(summary.version)}
            reReview={summary.isCurrent ? (claim) => <LiveReReviewNotice claimId={claim.id} initial={claim.underReReview} /> : () => null}
          />
        </div>

        <CorrectionsLog entries={summary.corrections} versionHref={versionHref} />
        <VersionList versions={summary.versions} current={summary.currentVersion} shown={summary.version} versionHref={versionHref} />

        {summary.isCurrent && !summary.withdrawn && <EmbedThis summary={summary} baseUrl={publicUrl()} />}

        <section aria-label="Reuse this fact-check" className="flex flex-wrap gap-x-5 gap-y-2 border-t border-slate-200 pt-4 text-sm text-slate-600 print:hidden">
          <a href={`/summaries/${summary.slug}.json`} className="inline-flex items-center gap-1.5 hover:text-slate-950 hover:underline">
            <FileJson aria-hidden className="size-4" /> JSON
          </a>
          <a href={`/summaries/${summary.slug}/summary.md`} className="inline-flex items-center gap-1.5 hover:text-slate-950 hover:underline">
            <FileText aria-hidden className="size-4" /> Markdown
          </a>
          <a href="/summaries/feed.xml" className="inline-flex items-center gap-1.5 hover:text-slate-950 hover:underline">
            <Rss aria-hidden className="size-4" /> Atom feed
          </a>
        </section>
      </div>
    </LiveSummaryProvider>
    </PublicSite>
  );
}
