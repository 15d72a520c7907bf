import { getDb, type Db } from "@/db/client";
import type { Role } from "@/lib/core/vocabulary";
import { authorize } from "@/lib/auth/authorize";
import { fail, type AppError, type Result } from "@/lib/core/result";
import { applyEffects } from "@/lib/events/effects";
import { currentRequest, newRequestContext, noteRequestError, noteRequestUser, runWithRequest, type RequestContext } from "@/lib/observability/context";
import { logFailure } from "@/lib/observability/logger";
import { authenticate, type ApiActor } from "./auth";
import { readJsonBodyWithText } from "./body";
import { errorPayload, errorResponse, jsonResponse } from "./errors";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  idempotencyRequestHash,
  isValidIdempotencyKey,
  releaseIdempotencyKey,
} from "./idempotency";
import { takeApiRate } from "./rate-limit";

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
  noteRequestError(outcome.error.code);
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
 * lib/events/effects.ts) → error mapping, all inside the request's context (its id on every answer
 * as X-Request-Id, its user on the request's log line). Anything thrown is logged with its stack and
 * request id and answered with a bare 500 naming the request id, never a stack.
 *
 *   export const POST = apiRoute({ role: "reporter", idempotent: true, status: 201 },
 *     ({ db, actor, body }) => submitClaim(db, actor, body));
 */
export function apiRoute<P = Record<string, never>>(options: ApiRouteOptions, handler: ApiHandler<P>) {
  return observed(async function route(request: Request, context: RouteContext<P>): Promise<Response> {
    try {
      const db = getDb();
      const auth = await authenticate(db, request);
      if (!auth.ok) {
        noteRequestError(auth.error.code);
        return errorResponse(auth.error, { "WWW-Authenticate": 'Bearer realm="factdesk"' });
      }
      const actor = auth.value;
      noteRequestUser(actor.id);

      const rate = await takeApiRate(db, `token:${actor.tokenId}`);
      const rateHeaders: Record<string, string> = {
        "X-RateLimit-Limit": String(rate.limit),
        "X-RateLimit-Remaining": String(rate.remaining),
      };
      if (!rate.allowed) {
        const message = `Too many requests for this token (limit ${rate.limit} a minute). Retry after ${rate.retryAfter} s.`;
        noteRequestError("rate_limited");
        return errorResponse(fail("rate_limited", message).error, { ...rateHeaders, "Retry-After": String(rate.retryAfter) });
      }
      if (!authorize(actor, options.role).ok) {
        noteRequestError("forbidden");
        return errorResponse(forbidden(options, actor), rateHeaders);
      }

      let body: unknown = undefined;
      let bodyText = "";
      if (BODY_METHODS.has(request.method) && !(options.body === undefined && hasNoBody(request))) {
        const parsed = await readJsonBodyWithText(request);
        if (!parsed.ok) {
          noteRequestError(parsed.error.code);
          return errorResponse(parsed.error, rateHeaders);
        }
        ({ value: body, text: bodyText } = parsed.value);
      }

      const url = new URL(request.url);
      const run = async (): Promise<Payload | Response> => {
        const outcome = await handler({ request, url, db, actor, params: await context.params, body });
        if (MUTATING_METHODS.has(request.method)) await applyEffects(db);
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
      const claim = await claimIdempotencyKey(db, actor.id, key, idempotencyRequestHash(request.method, url.pathname, body, bodyText));
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
              await releaseIdempotencyKey(db, claim.id);
              return answer;
            }
            payload = answer;
          } catch (error) {
            await releaseIdempotencyKey(db, claim.id);
            throw error;
          }
          if (payload.status >= 500) await releaseIdempotencyKey(db, claim.id);
          else await completeIdempotencyKey(db, claim.id, payload.status, payload.body);
          return payloadResponse(payload, rateHeaders);
        }
      }
    } catch (error) {
      return unhandled(request, error);
    }
  });
}

/**
 * A bug: logged once with its code, stack and request id (also kept for the System page), answered
 * with a bare 500 that names the request id, so whoever reports it can be matched to the log line.
 */
function unhandled(request: Request, error: unknown): Response {
  logFailure("api", error, { method: request.method, path: new URL(request.url).pathname });
  noteRequestError("internal");
  const requestId = currentRequest()?.requestId;
  return jsonResponse(
    {
      error: {
        code: "internal",
        message: `Something went wrong on our side. The request may be retried.${requestId ? ` Reference: ${requestId}.` : ""}`,
        ...(requestId ? { details: { requestId }, requestId } : {}),
      },
    },
    500,
  );
}

/**
 * Runs a route in the request's context (./context.ts): the one the HTTP observer entered as the
 * request arrived, or, when there is none (unit tests, a custom server), a new one. Every answer
 * carries the request id in X-Request-Id.
 */
function observed<A extends [Request, ...unknown[]]>(route: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => {
    const existing = currentRequest();
    const context: RequestContext = existing ?? newRequestContext();
    const response = existing ? await route(...args) : await runWithRequest(context, () => route(...args));
    try {
      response.headers.set("X-Request-Id", context.requestId);
    } catch {
      // A response with immutable headers (one passed through from fetch): the HTTP observer has set it on the wire.
    }
    return response;
  };
}

/** Routes anyone may call (health, the OpenAPI document): no token, no rate limit, same error shape. */
export function publicApiRoute<P = Record<string, never>>(handler: (context: { request: Request; url: URL; params: P }) => ApiOutcome | Promise<ApiOutcome>) {
  return observed(async function route(request: Request, context: RouteContext<P>): Promise<Response> {
    try {
      const outcome = await handler({ request, url: new URL(request.url), params: await context.params });
      return payloadResponse(await toPayload(outcome, 200), {});
    } catch (error) {
      return unhandled(request, error);
    }
  });
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
