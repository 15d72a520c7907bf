import { apiRoute, methodNotAllowed } from "@/lib/api";
import { parseQuery } from "@/lib/core/parse";
import { API_ROUTES } from "@/lib/api/routes";
import { claimsCsvStream, csvResponse } from "@/lib/export/claims-csv";
import { queueListArgs } from "@/lib/export/queue-list";
import { publicUrl } from "@/lib/publish/config";
import { listClaims, submitClaim } from "@/lib/workflow";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_ROUTES.createClaim, ({ db, actor, body }) => submitClaim(db, actor, body));

/** Whether the caller asked for CSV (Accept: text/csv) rather than the JSON page. */
function wantsCsv(request: Request): boolean {
  return (request.headers.get("accept") ?? "").split(",").some((type) => type.split(";")[0]!.trim().toLowerCase() === "text/csv");
}

export const GET = apiRoute(API_ROUTES.listClaims, async ({ request, db, actor, url }) => {
  const query = parseQuery(API_ROUTES.listClaims.query, url.searchParams);
  if (!query.ok) return query;
  // `assigned=me` and `actionable=1` mean what they mean on the queue page, for the token's user.
  const { filters, page, viewer } = queueListArgs(actor, query.value, { scope: "api" });
  if (wantsCsv(request)) {
    // Every matching claim, streamed, not one page: the same file as the queue's "Export CSV".
    const made = await claimsCsvStream(db, { filters, viewer }, publicUrl(url));
    return made.ok ? csvResponse(made.stream) : { ok: false, error: made.error };
  }
  return await listClaims(db, filters, page, viewer);
});

const notAllowed = methodNotAllowed("GET", "POST");
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
