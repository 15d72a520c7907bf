import { apiRoute, methodNotAllowed, parseQuery } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { ok } from "@/lib/result";
import { verifyAuditChain } from "@/lib/workflow";

export const dynamic = "force-dynamic";

/** 200 either way: the report says whether the chain is intact and lists every problem it found. */
export const GET = apiRoute(API_ROUTES.verifyAudit, ({ db, url }) => {
  const query = parseQuery(API_ROUTES.verifyAudit.query, url.searchParams);
  if (!query.ok) return query;
  return ok(verifyAuditChain(db, { expectHead: query.value.expectHead }));
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
