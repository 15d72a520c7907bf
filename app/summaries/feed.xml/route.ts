import { getDb } from "@/db/client";
import { orgName, publicUrl } from "@/lib/publish/config";
import { buildSummariesFeed } from "@/lib/publish/feed";
import { recentPublicSummaries } from "@/lib/publish/queries";

// Built per request (one query, no render): never stale, and no build-time copy of another database.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const xml = buildSummariesFeed(recentPublicSummaries(getDb(), 50), { baseUrl: publicUrl(request.url), orgName: orgName() });
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "no-cache" },
  });
}
