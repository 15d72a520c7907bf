import { getDb } from "@/db/client";
import { orgName, publicUrl } from "@/lib/publish/config";
import { summaryToMarkdown } from "@/lib/publish/markdown";
import { getPublicSummary } from "@/lib/publish/queries";

export const dynamic = "force-dynamic";

/** The summary as Markdown for pasting into a CMS. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const summary = await getPublicSummary(getDb(), slug);
  if (!summary) return new Response("There is no such fact-check.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(summaryToMarkdown(summary, { baseUrl: publicUrl(request.url), orgName: orgName() }), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `inline; filename="${summary.slug}.md"`,
      "Cache-Control": "no-cache",
    },
  });
}
