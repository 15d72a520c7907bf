import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { ok } from "@/lib/core/result";
import { overdueSummary } from "@/lib/deadlines";
import { queueFilters } from "@/lib/workflow/rules";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.listOverdue, async ({ db, actor }) => ok(await overdueSummary(db, queueFilters(actor, {}), new Date())));

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
