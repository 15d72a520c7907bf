import { getDb } from "@/db/client";
import { etagOf } from "@/lib/publish/cache-policy";
import { orgName, publicUrl } from "@/lib/publish/config";
import { buildSummariesFeed } from "@/lib/publish/feed";
import { recentPublicSummaries } from "@/lib/publish/queries";

/*
 * Cached like the pages (lib/publish/cache-policy.ts) and refreshed with them on publish, withdraw and
 * return (lib/publish/revalidate.ts lists it). A cached answer cannot look at the request, so links
 * use FACTDESK_PUBLIC_URL (or localhost), as the cached pages' canonical links do.
 */
export const dynamic = "force-static";
export const revalidate = 300;

export async function GET() {
  const xml = buildSummariesFeed(await recentPublicSummaries(getDb(), 50), { baseUrl: publicUrl(), orgName: orgName() });
  // Kept with the cached answer: a CDN (or a reader's client) revalidates with If-None-Match against it.
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", ETag: etagOf(xml) } });
}
