import { methodNotAllowed, publicApiRoute } from "@/lib/api";
import { openApiDocument } from "@/lib/api/openapi";
import { ok } from "@/lib/core/result";

export const GET = publicApiRoute(() => ok(openApiDocument()));

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
