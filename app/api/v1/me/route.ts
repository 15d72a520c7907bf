import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { ok } from "@/lib/core/result";

export const dynamic = "force-dynamic";

export const GET = apiRoute(API_ROUTES.me, ({ actor }) => ok({ id: actor.id, name: actor.name, email: actor.email, role: actor.role }));

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
