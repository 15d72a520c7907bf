import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { publicUrl, summaryPath } from "@/lib/publish/config";
import { getPublicSummary } from "@/lib/publish/queries";
import { SummaryEmbed, embedPageUrl } from "../../_components/embed-card";

/*
 * The summary as a compact card for other sites to frame (the only pages that may be framed, see
 * lib/http/security-headers.ts). Cached like the page and refreshed with it; a withdrawn summary's
 * embed answers 410 with the notice (lib/publish/withdrawn-answer.ts). `?claim=N` is rewritten to
 * ./claim/N by next.config.js.
 */
export const revalidate = 300;
export const dynamicParams = true;

export function generateStaticParams(): Array<{ slug: string }> {
  return [];
}

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const summary = await getPublicSummary(getDb(), slug);
  if (!summary) return { title: "Fact-check not found" };
  return {
    metadataBase: new URL(publicUrl()),
    title: summary.title,
    alternates: { canonical: summaryPath(summary.slug) },
    robots: { index: false, follow: true },
  };
}

export default async function EmbedPage({ params }: Params) {
  const { slug } = await params;
  const summary = await getPublicSummary(getDb(), slug);
  if (!summary) notFound();
  return <SummaryEmbed summary={summary} pageUrl={embedPageUrl(publicUrl(), summary.slug)} />;
}
