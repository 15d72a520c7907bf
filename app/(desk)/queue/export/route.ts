import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { claimsCsvStream, csvResponse } from "@/lib/export/claims-csv";
import { queueListArgs } from "@/lib/export/queue-list";
import { publicUrl } from "@/lib/publish/config";
import { parseQueueQuery } from "@/lib/validations/claims";

export const dynamic = "force-dynamic";

/**
 * The queue view in the address, every matching claim, as a CSV download (the queue's ExportLink).
 * Signed-in desk users only, checked on the server like a page; the queue's scope applies (a reporter
 * exports their own claims). Filters the queue would ignore are refused here, so a file never holds
 * more than the person asked for.
 */
export async function GET(request: Request): Promise<Response> {
  const actor = await requirePageActor();
  const url = new URL(request.url);
  const query = parseQueueQuery(url.searchParams);
  if (!query.ok) return new Response(`${query.error.message}\n`, { status: 422, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const made = await claimsCsvStream(getDb(), queueListArgs(actor, query.value, { scope: "queue" }), publicUrl(url));
  if (!made.ok) return new Response(`${made.error.message}\n`, { status: 422, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return csvResponse(made.stream);
}
