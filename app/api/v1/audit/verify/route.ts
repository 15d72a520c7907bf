import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { ok } from "@/lib/result";
import { verifyAuditChain } from "@/lib/workflow";

export const dynamic = "force-dynamic";

/** 200 either way: the report says whether the chain is intact and, if not, names the first broken row. */
export const GET = apiRoute(API_ROUTES.verifyAudit, ({ db }) => ok(verifyAuditChain(db)));

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
