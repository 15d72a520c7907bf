import { SHARE_IMAGE_SIZE, shareImage, shareImageSummary } from "../_components/share-card";

/*
 * The summary's share card, /summaries/{slug}/opengraph-image (PNG, 1200×630), for Open Graph and
 * Twitter alike (summaryMetadata names it with its alt text). Cached like the page (see
 * lib/publish/cache-policy.ts) and refreshed with it on publish, withdraw and return.
 */
export const revalidate = 300;
export const dynamicParams = true;
export const size = SHARE_IMAGE_SIZE;
export const contentType = "image/png";

export function generateStaticParams(): Array<{ slug: string }> {
  return [];
}

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const summary = await shareImageSummary(slug);
  return summary ? shareImage(summary) : new Response("There is no such fact-check.", { status: 404 });
}
