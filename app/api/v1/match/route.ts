import { apiRoute, methodNotAllowed } from "@/lib/api";
import { API_ROUTES } from "@/lib/api/routes";
import { parseInput } from "@/lib/core/parse";
import { ok } from "@/lib/core/result";
import { matchText } from "@/lib/match";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_ROUTES.matchText, ({ db, body }) => {
  const input = parseInput(API_ROUTES.matchText.body, body);
  return input.ok ? ok({ data: matchText(db, input.value.text, { limit: input.value.limit }) }) : input;
});

const notAllowed = methodNotAllowed("POST");
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
