import { SHARE_IMAGE_SIZE, shareImage, shareImageSummary } from "../../../_components/share-card";

/** The share card of one published version, as it read then. Cached and refreshed like the version page. */
export const revalidate = 300;
export const dynamicParams = true;
export const size = SHARE_IMAGE_SIZE;
export const contentType = "image/png";

export function generateStaticParams(): Array<{ version: string }> {
  return [];
}

export default async function Image({ params }: { params: Promise<{ slug: string; version: string }> }) {
  const { slug, version } = await params;
  const summary = /^[1-9]\d{0,5}$/.test(version) ? await shareImageSummary(slug, Number(version)) : null;
  return summary ? shareImage(summary) : new Response("There is no such version.", { status: 404 });
}
