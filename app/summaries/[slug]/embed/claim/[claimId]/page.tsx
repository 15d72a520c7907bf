import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { publicUrl, summaryPath } from "@/lib/publish/config";
import { getPublicSummary } from "@/lib/publish/queries";
import { ClaimEmbed, embedPageUrl } from "../../../../_components/embed-card";

/** One claim of a summary as a compact card to frame. Cached and refreshed with the summary's pages. */
export const revalidate = 300;
export const dynamicParams = true;

export function generateStaticParams(): Array<{ claimId: string }> {
  return [];
}

type Params = { params: Promise<{ slug: string; claimId: string }> };

async function load(slug: string, rawClaimId: string) {
  if (!/^[1-9]\d{0,9}$/.test(rawClaimId)) return null;
  const summary = await getPublicSummary(getDb(), slug);
  const claim = summary?.claims.find((c) => c.id === Number(rawClaimId));
  return summary && claim ? { summary, claim } : null;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, claimId } = await params;
  const found = await load(slug, claimId);
  if (!found) return { title: "Claim not found" };
  return {
    metadataBase: new URL(publicUrl()),
    title: found.claim.text,
    alternates: { canonical: summaryPath(found.summary.slug) },
    robots: { index: false, follow: true },
  };
}

export default async function ClaimEmbedPage({ params }: Params) {
  const { slug, claimId } = await params;
  const found = await load(slug, claimId);
  if (!found) notFound();
  return <ClaimEmbed summary={found.summary} claim={found.claim} pageUrl={embedPageUrl(publicUrl(), found.summary.slug)} />;
}
