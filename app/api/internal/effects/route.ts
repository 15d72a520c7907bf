import { getDb } from "@/db/client";
import { applyEffects } from "@/lib/events/effects";
import { isDispatchRequest } from "@/lib/events/poller";

/**
 * POST /api/internal/effects: applies the outbox's pending events inside a request, where page
 * revalidation works. Called only by this process's outbox poller (lib/events/poller.ts), which
 * proves it with a per-process secret; to anyone else the route does not exist.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isDispatchRequest(request)) return new Response(null, { status: 404 });
  await applyEffects(getDb());
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
