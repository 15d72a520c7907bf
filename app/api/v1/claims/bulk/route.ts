import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { bulkChange } from "@/lib/workflow/bulk";

// Answered 200 with one result per claim; apiRoute applies the batch's effects once afterwards.
export const POST = apiRoute(API_ROUTES.bulkChangeClaims, ({ db, actor, body }) => bulkChange(db, actor, body));

const notAllowed = methodNotAllowed("POST");
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
