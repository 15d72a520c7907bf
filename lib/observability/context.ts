import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/*
 * What this process knows about the request it is serving, for logs, metrics, traces and events: its
 * id, who made it, and how it ended. One AsyncLocalStorage on globalThis, because Next bundles the
 * instrumentation hook, the route handlers and the pages separately, and each would otherwise get its
 * own copy of this module. The HTTP observer (./http.ts) enters a context as each request arrives;
 * apiRoute and serverAction enter one themselves when there is none (unit tests, a custom server).
 */

export const REQUEST_ID_HEADER = "x-request-id";

export interface RequestContext {
  requestId: string;
  /** The signed-in user or the token's user, once a wrapper or a guard knows it. */
  userId: number | null;
  /** The domain error's code when the request was refused (forbidden, conflict, ...). */
  errorCode?: string;
  /** The request's trace span when tracing is on (./tracing.ts); opaque here. */
  span?: unknown;
}

const state = globalThis as unknown as { factdeskRequestStorage?: AsyncLocalStorage<RequestContext> };
const storage = (state.factdeskRequestStorage ??= new AsyncLocalStorage<RequestContext>());

/** An id a proxy may hand us: short, and nothing that could break a log line or a header. */
const ACCEPTED_ID = /^[A-Za-z0-9._:@+=/-]{1,128}$/;

/** The incoming X-Request-Id when it is well-formed, else null (the caller makes one). */
export function acceptedRequestId(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && ACCEPTED_ID.test(trimmed) ? trimmed : null;
}

export function newRequestId(): string {
  return randomUUID();
}

export function newRequestContext(requestId: string = newRequestId()): RequestContext {
  return { requestId, userId: null };
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** The current request's id, or null outside a request (the CLI, a timer). */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

export function runWithRequest<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/**
 * Makes `context` the current one for the rest of this synchronous run and everything it starts: the
 * HTTP observer calls it just before Node emits "request", so Next's handling of that request runs in it.
 */
export function enterRequest(context: RequestContext): void {
  storage.enterWith(context);
}

/** Who the current request acts as (the per-request log line's user id). No-op outside a request. */
export function noteRequestUser(userId: number): void {
  const context = storage.getStore();
  if (context) context.userId = userId;
}

/** The code of the refusal the request ended with (its log line's error_code). */
export function noteRequestError(code: string): void {
  const context = storage.getStore();
  if (context) context.errorCode = code;
}
