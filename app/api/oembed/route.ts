import { getDb } from "@/db/client";
import { cachedPublicResponse } from "@/lib/publish/cache-policy";
import { configuredPublicUrl, publicUrl } from "@/lib/publish/config";
import { oembedFor } from "@/lib/publish/oembed";

/*
 * oEmbed provider endpoint (https://oembed.com): /api/oembed?url=<a summary's address>&format=json.
 * Public, no login; any site may call it from the browser (CORS *). Answered per request (a lookup
 * and a small JSON), with the public cache policy so a CDN keeps it too.
 */
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  // Without FACTDESK_PUBLIC_URL, pages name http://localhost:PORT; the host this request came to counts as ours too.
  const host = request.headers.get("host");
  const requestOrigin = host && /^[a-z0-9.[\]:-]+$/i.test(host) ? `${new URL(request.url).protocol}//${host}` : null;
  const answer = await oembedFor(getDb(), query, publicUrl(), requestOrigin && !configuredPublicUrl() ? [requestOrigin] : []);
  const cors = { "access-control-allow-origin": "*" };
  if (answer.status !== 200) {
    return Response.json({ error: { code: answer.status === 501 ? "not_implemented" : answer.status === 404 ? "not_found" : "invalid", message: answer.message } }, { status: answer.status, headers: cors });
  }
  return cachedPublicResponse(request, JSON.stringify(answer.body), "application/json; charset=utf-8", { ...cors, vary: "accept-encoding" });
}
