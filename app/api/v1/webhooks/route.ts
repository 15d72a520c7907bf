import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { ok } from "@/lib/core/result";
import { createWebhook, listWebhooks } from "@/lib/webhooks/webhooks";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.listWebhooks, async ({ db, actor }) => {
  const hooks = await listWebhooks(db, actor);
  return hooks.ok ? ok({ data: hooks.value, nextCursor: null }) : hooks;
});

export const POST = apiRoute(API_ROUTES.createWebhook, ({ db, actor, body }) => createWebhook(db, actor, body));

const notAllowed = methodNotAllowed("GET", "POST");
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
