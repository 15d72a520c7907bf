import { getDb } from "@/db/client";
import { summaryToJson } from "@/lib/publish/export";
import { orgName, publicUrl } from "@/lib/publish/config";
import { getPublicSummary } from "@/lib/publish/queries";

// Live: includes the current "under re-review" state, which the cached page checks against.
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const summary = await getPublicSummary(getDb(), slug);
  if (!summary) return Response.json({ error: { code: "not_found", message: "There is no such fact-check." } }, { status: 404 });
  return Response.json(summaryToJson(summary, { baseUrl: publicUrl(request.url), orgName: orgName() }), {
    headers: { "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*" },
  });
}
