import { createHash } from "node:crypto";

/*
 * How long public answers may be kept, by Next's own cache and by a CDN in front of it.
 *
 * Pages (index, summary, version, embed) and the share image are cached by Next (ISR) and refreshed
 * on publish, withdraw and return (lib/events/handlers/pages.ts). Their segment config says
 * `revalidate = 300`: Next then sends `s-maxage=300, stale-while-revalidate=…` (up to next.config.js's
 * expireTime, one day) and an ETag, so a CDN keeps a copy five minutes, serves a stale one while it
 * asks again, and a browser revalidates each time (304 when unchanged). Route segment config has to be
 * a literal, so the number is repeated in those files; this is the one place that says why.
 *
 * Route handlers that answer per request (oEmbed, the 410 of a withdrawn summary) send the same
 * policy themselves.
 */

export const PUBLIC_MAX_AGE_SECONDS = 300;
export const PUBLIC_STALE_SECONDS = 86_400;
export const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${PUBLIC_MAX_AGE_SECONDS}, stale-while-revalidate=${PUBLIC_STALE_SECONDS}`;

/** A strong ETag for a body (what Next sends for its cached pages, computed the same way for ours). */
export function etagOf(body: string | Uint8Array): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** True when the request's If-None-Match names this ETag (or is `*`): answer 304 Not Modified. */
export function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim().replace(/^W\//, "");
    return trimmed === "*" || trimmed === etag;
  });
}

/** A cacheable public answer: the policy above, its ETag, and 304 when the client already has it. */
export function cachedPublicResponse(request: Request, body: string, contentType: string, extra: Record<string, string> = {}): Response {
  const etag = etagOf(body);
  const headers = { "content-type": contentType, "cache-control": PUBLIC_CACHE_CONTROL, etag, ...extra };
  if (notModified(request, etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}
