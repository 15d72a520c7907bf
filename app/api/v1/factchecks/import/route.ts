import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { ok } from "@/lib/core/result";
import { importJsonLd } from "@/lib/factchecks";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_ROUTES.importFactchecks, ({ db, actor, body }) => ok(importJsonLd(db, actor, body)));

const notAllowed = methodNotAllowed("POST");
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
