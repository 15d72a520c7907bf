import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { markRead } from "@/lib/notifications/notifications";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_ROUTES.markNotificationsRead, ({ db, actor, body }) => markRead(db, actor, body));

const notAllowed = methodNotAllowed("POST");
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
