import { apiRoute, authenticate, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { resumeFrom } from "@/lib/live/sse";
import { openEventStream } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

/** GET /api/v1/events: the desk's events as Server-Sent Events, for token holders (lib/live/stream.ts). */
export const GET = apiRoute(API_ROUTES.events, ({ request, url, db, actor }) => {
  const opened = openEventStream({
    db,
    userId: actor.id,
    after: resumeFrom(request, url),
    signal: request.signal,
    // A revoked token or a disabled user stops hearing the desk at the next heartbeat.
    stillAllowed: async () => (await authenticate(db, request)).ok,
  });
  return opened.ok ? opened.value : opened;
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
