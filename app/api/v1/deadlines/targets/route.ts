import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { ok } from "@/lib/core/result";
import { loadDeadlineSettings, updateDeadlineSettings } from "@/lib/deadlines";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.getDeadlineTargets, async ({ db }) => ok(await loadDeadlineSettings(db)));

export const PUT = apiRoute(API_ROUTES.updateDeadlineTargets, ({ db, actor, body }) => updateDeadlineSettings(db, actor, body));

const notAllowed = methodNotAllowed("GET", "PUT");
export const POST = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
