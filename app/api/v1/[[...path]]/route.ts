import { errorResponse } from "@/lib/api";
import { fail } from "@/lib/core/result";

/** Unknown /api/v1 paths answer in the API's own error shape, not with the app's HTML 404 page. */
function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(fail("not_found", `There is no endpoint ${request.method} ${pathname}. See /api/v1/openapi.json.`).error);
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
