import { getDb, type Db } from "@/db/client";
import type { Role } from "@/lib/core/vocabulary";
import { authorize } from "@/lib/auth/authorize";
import { fail, type AppError, type Result } from "@/lib/core/result";
import { applyEffects } from "@/lib/events/effects";
import { authenticate, type ApiActor } from "./auth";
import { readJsonBodyWithText } from "./body";
import { errorPayload, errorResponse, internalErrorResponse, jsonResponse } from "./errors";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  idempotencyRequestHash,
  isValidIdempotencyKey,
  releaseIdempotencyKey,
} from "./idempotency";
import { apiRateLimiter } from "./rate-limit";

export interface ApiRouteOptions {
  /** The least role that may call the route at all; finer rules (four eyes, ownership) stay in lib/. */
  role: Role;
  /** The rule a 403 names when the role is too low, e.g. "Only admins can verify the audit chain". */
  rule?: string;
  /** POST routes: honour `Idempotency-Key` (same key + same body → the first answer, nothing new written). */
  idempotent?: boolean;
  /** Status of a successful Result: 201 for creates, 200 otherwise. */
  status?: number;
  /**
   * The body's schema (from the route table). A PUT/POST/PATCH whose spec names none may come
   * without a body (`PUT /claims/{id}/follow`); one that names one must send JSON.
   */
  body?: unknown;
}

export interface ApiContext<P> {
  request: Request;
  url: URL;
  db: Db;
  actor: ApiActor;
  /** Route params, already awaited. */
  params: P;
  /** The parsed JSON body on POST/PUT/PATCH (already checked: JSON, ≤ 1 MiB); undefined otherwise. */
  body: unknown;
}

/**
 * A handler returns the domain's Result (mapped here) or, rarely, a ready Response. A streaming one
 * (text/event-stream, lib/live; text/csv, lib/export) is passed through untouched: reading its text would
 * never finish, or would hold a whole export in memory.
 */
export type ApiOutcome = Result<unknown> | Response;
export type ApiHandler<P> = (context: ApiContext<P>) => ApiOutcome | Promise<ApiOutcome>;
export type RouteContext<P> = { params: Promise<P> };

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

interface Payload {
  status: number;
  body: string;
  headers?: Headers;
}

/** No body sent: none at all, or an empty one declared. */
function hasNoBody(request: Request): boolean {
  return request.body === null || request.headers.get("content-length") === "0";
}

/** Answers streamed as they are made: live events, and CSV exports (GET /claims with Accept: text/csv). */
const STREAMED_TYPES = ["text/event-stream", "text/csv"];

function isStream(outcome: ApiOutcome): outcome is Response {
  const type = outcome instanceof Response ? (outcome.headers.get("content-type") ?? "") : "";
  return STREAMED_TYPES.some((streamed) => type.startsWith(streamed));
}

async function toPayload(outcome: ApiOutcome, successStatus: number): Promise<Payload> {
  if (outcome instanceof Response) return { status: outcome.status, body: await outcome.text(), headers: outcome.headers };
  if (outcome.ok) return { status: successStatus, body: JSON.stringify(outcome.value) };
  const { status, body } = errorPayload(outcome.error);
  return { status, body: JSON.stringify(body) };
}

function payloadResponse({ status, body, headers }: Payload, extra: Record<string, string>): Response {
  const response = new Response(body, { status, headers: headers ? new Headers(headers) : undefined });
  response.headers.set("Content-Type", "application/json; charset=utf-8");
  response.headers.set("Cache-Control", "no-store");
  for (const [name, value] of Object.entries(extra)) response.headers.set(name, value);
  return response;
}

function forbidden(options: ApiRouteOptions, actor: ApiActor): AppError {
  const rule = options.rule ?? `This needs the ${options.role} role`;
  const article = actor.role === "admin" || actor.role === "editor" ? "an" : "a";
  return fail("forbidden", `${rule}; this token acts as ${actor.name}, who is ${article} ${actor.role}.`).error;
}

/**
 * Wraps a `/api/v1` route handler in the steps every route shares, in this order: bearer token →
 * per-token rate limit → least role → JSON body (POST/PUT/PATCH) → Idempotency-Key → handler →
 * effects (POST/PUT/PATCH/DELETE: the outbox drained, so the pages the change touched are refreshed;
 * lib/events/effects.ts) → error mapping. Anything thrown is logged and answered with a bare 500,
 * never a stack.
 *
 *   export const POST = apiRoute({ role: "reporter", idempotent: true, status: 201 },
 *     ({ db, actor, body }) => submitClaim(db, actor, body));
 */
export function apiRoute<P = Record<string, never>>(options: ApiRouteOptions, handler: ApiHandler<P>) {
  return async function route(request: Request, context: RouteContext<P>): Promise<Response> {
    try {
      const db = getDb();
      const auth = authenticate(db, request);
      if (!auth.ok) return errorResponse(auth.error, { "WWW-Authenticate": 'Bearer realm="factdesk"' });
      const actor = auth.value;

      const rate = apiRateLimiter().take(`token:${actor.tokenId}`);
      const rateHeaders: Record<string, string> = {
        "X-RateLimit-Limit": String(rate.limit),
        "X-RateLimit-Remaining": String(rate.remaining),
      };
      if (!rate.allowed) {
        const message = `Too many requests for this token (limit ${rate.limit} a minute). Retry after ${rate.retryAfter} s.`;
        return errorResponse(fail("rate_limited", message).error, { ...rateHeaders, "Retry-After": String(rate.retryAfter) });
      }
      if (!authorize(actor, options.role).ok) return errorResponse(forbidden(options, actor), rateHeaders);

      let body: unknown = undefined;
      let bodyText = "";
      if (BODY_METHODS.has(request.method) && !(options.body === undefined && hasNoBody(request))) {
        const parsed = await readJsonBodyWithText(request);
        if (!parsed.ok) return errorResponse(parsed.error, rateHeaders);
        ({ value: body, text: bodyText } = parsed.value);
      }

      const url = new URL(request.url);
      const run = async (): Promise<Payload | Response> => {
        const outcome = await handler({ request, url, db, actor, params: await context.params, body });
        if (MUTATING_METHODS.has(request.method)) applyEffects(db);
        return isStream(outcome) ? outcome : toPayload(outcome, options.status ?? 200);
      };

      const key = options.idempotent ? request.headers.get("idempotency-key") : null;
      if (key === null) {
        const answer = await run();
        return answer instanceof Response ? answer : payloadResponse(answer, rateHeaders);
      }

      if (!isValidIdempotencyKey(key)) {
        return errorResponse(fail("bad_request", "Idempotency-Key must be 1 to 255 visible ASCII characters.").error, rateHeaders);
      }
      const claim = claimIdempotencyKey(db, actor.id, key, idempotencyRequestHash(request.method, url.pathname, body, bodyText));
      switch (claim.kind) {
        case "replay":
          return payloadResponse({ status: claim.status, body: claim.body }, { ...rateHeaders, "Idempotent-Replayed": "true" });
        case "mismatch":
          return errorResponse(
            fail("invalid", "This Idempotency-Key was already used with a different request; use a new key for a new request.", {
              fields: { "Idempotency-Key": ["Already used with a different body or endpoint"] },
            }).error,
            rateHeaders,
          );
        case "in_progress":
          return errorResponse(fail("conflict", "A request with this Idempotency-Key is still being processed; retry shortly.").error, {
            ...rateHeaders,
            "Retry-After": "1",
          });
        case "new": {
          let payload: Payload;
          try {
            const answer = await run();
            // A stream has no answer to replay: the key is not kept.
            if (answer instanceof Response) {
              releaseIdempotencyKey(db, claim.id);
              return answer;
            }
            payload = answer;
          } catch (error) {
            releaseIdempotencyKey(db, claim.id);
            throw error;
          }
          if (payload.status >= 500) releaseIdempotencyKey(db, claim.id);
          else completeIdempotencyKey(db, claim.id, payload.status, payload.body);
          return payloadResponse(payload, rateHeaders);
        }
      }
    } catch (error) {
      console.error("[api] unhandled error", request.method, new URL(request.url).pathname, error);
      return internalErrorResponse();
    }
  };
}

/** Routes anyone may call (health, the OpenAPI document): no token, no rate limit, same error shape. */
export function publicApiRoute<P = Record<string, never>>(handler: (context: { request: Request; url: URL; params: P }) => ApiOutcome | Promise<ApiOutcome>) {
  return async function route(request: Request, context: RouteContext<P>): Promise<Response> {
    try {
      const outcome = await handler({ request, url: new URL(request.url), params: await context.params });
      return payloadResponse(await toPayload(outcome, 200), {});
    } catch (error) {
      console.error("[api] unhandled error", request.method, new URL(request.url).pathname, error);
      return internalErrorResponse();
    }
  };
}

/**
 * For the methods a route does not serve, so a wrong method still gets the API's JSON error shape
 * (Next's own 405 has an empty body): `export const DELETE = methodNotAllowed("GET", "POST");`
 */
export function methodNotAllowed(...allowed: string[]) {
  return function route(request: Request): Response {
    const message = `${request.method} is not supported here; use ${allowed.join(" or ")}.`;
    return jsonResponse({ error: { code: "method_not_allowed", message } }, 405, { Allow: allowed.join(", ") });
  };
}

export { jsonResponse };
