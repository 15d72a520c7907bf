import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getPublicSummary } from "@/lib/publish/queries";
import { SummaryPage, summaryMetadata } from "../../summary-page";

/** Every published version at its own URL. Cached like the current page and refreshed with it. */
export const revalidate = 300;
export const dynamicParams = true;

export function generateStaticParams(): Array<{ version: string }> {
  return [];
}

type Params = { params: Promise<{ slug: string; version: string }> };

async function load(slug: string, raw: string) {
  if (!/^[1-9]\d{0,5}$/.test(raw)) return null;
  return getPublicSummary(getDb(), slug, Number(raw));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, version } = await params;
  const summary = await load(slug, version);
  return summary ? summaryMetadata(summary) : { title: "Fact-check not found" };
}

export default async function Page({ params }: Params) {
  const { slug, version } = await params;
  const summary = await load(slug, version);
  if (!summary) notFound();
  return <SummaryPage summary={summary} />;
}
