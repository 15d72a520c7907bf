import { apiRoute, methodNotAllowed } from "@/lib/api";
import { parseQuery } from "@/lib/core/parse";
import { API_ROUTES } from "@/lib/api/routes";
import { ok } from "@/lib/core/result";
import { verifyAuditChain } from "@/lib/workflow";
import { recordAuditVerification } from "@/lib/workflow/audit-log";

export const dynamic = "force-dynamic";

/** 200 either way: the report says whether the chain is intact and lists every problem it found. */
export const GET = apiRoute(API_ROUTES.verifyAudit, async ({ db, url, actor }) => {
  const query = parseQuery(API_ROUTES.verifyAudit.query, url.searchParams);
  if (!query.ok) return query;
  const report = await verifyAuditChain(db, { expectHead: query.value.expectHead });
  // Admins see on the desk when the chain was last checked, by whom, and the head it had.
  await recordAuditVerification(db, report, actor.id, "api");
  return ok(report);
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
