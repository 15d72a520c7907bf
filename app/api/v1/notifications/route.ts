import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { parseQuery } from "@/lib/core/parse";
import { listNotifications } from "@/lib/notifications/notifications";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.listNotifications, ({ db, actor, url }) => {
  const query = parseQuery(API_ROUTES.listNotifications.query, url.searchParams);
  if (!query.ok) return query;
  const { unread, cursor, limit } = query.value;
  return listNotifications(db, actor.id, { unread: unread === "true", cursor, limit });
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
