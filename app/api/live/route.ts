import { getDb } from "@/db/client";
import { errorResponse } from "@/lib/api/errors";
import { currentSignIn, loadActiveActor } from "@/lib/auth/guards";
import { fail } from "@/lib/core/result";
import { activeSession } from "@/lib/sessions/sessions";
import { resumeFrom } from "@/lib/live/sse";
import { openEventStream } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

/**
 * GET /api/live: the same stream as /api/v1/events for the desk's own pages (LiveProvider), signed in
 * by the session cookie as the pages are; never a token. Ends when the session does.
 */
export async function GET(request: Request): Promise<Response> {
  const signedIn = await currentSignIn();
  if (!signedIn) return errorResponse(fail("unauthorized", "Sign in to follow the desk live.").error);
  const { actor, session } = signedIn;
  const db = getDb();
  const opened = openEventStream({
    db,
    userId: actor.id,
    after: resumeFrom(request),
    signal: request.signal,
    stillAllowed: async () => (await activeSession(db, session.id, actor.id)) !== null && (await loadActiveActor(actor.id)) !== null,
  });
  return opened.ok ? opened.value : errorResponse(opened.error, { "Retry-After": "30" });
}
