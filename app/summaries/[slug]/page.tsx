import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getPublicSummary } from "@/lib/publish/queries";
import { SummaryPage, summaryMetadata } from "./summary-page";

/*
 * Cached (ISR): rendered on the first visit, then served from the cache until the publish, withdraw
 * or claim-transition actions call revalidatePublicSummary. Nothing is prerendered at build time, so
 * a build never carries pages from another database. The five minutes are only a backstop (and what a
 * CDN may keep, see lib/publish/cache-policy.ts); the live state
 * (re-review marks, newer versions) is also re-checked by the browser, see live-status.tsx.
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
  return summary ? summaryMetadata(summary) : { title: "Fact-check not found" };
}

export default async function Page({ params }: Params) {
  const { slug } = await params;
  // `/summaries/{slug}.json` is the JSON of the page; it lives beside it as summary.json.
  const json = /^([a-z0-9-]+)\.json$/.exec(slug);
  if (json) permanentRedirect(`/summaries/${json[1]}/summary.json`);
  const summary = await getPublicSummary(getDb(), slug);
  if (!summary) notFound();
  return <SummaryPage summary={summary} />;
}
