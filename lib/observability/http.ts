import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { isTrustedProxy } from "@/lib/http/trusted-proxy";
import { acceptedRequestId, enterRequest, newRequestContext, newRequestId, REQUEST_ID_HEADER, type RequestContext } from "./context";
import { logger } from "./logger";
import { observeRequest } from "./metrics";
import { buildRouteMatcher } from "./routes";
import { endRequestSpan, startRequestSpan } from "./tracing";

/*
 * One log line, one histogram observation and (with tracing on) one span per HTTP request, pages and
 * API alike, from Node's own diagnostics channels: `http.server.request.start` fires just before the
 * server's "request" event and `http.server.response.finish` when the answer has been handed to the
 * socket. That works under plain `next start` (what npm start, the e2e suite and the benches run), where
 * Next offers no after-response hook for pages. On arrival the request gets its id (X-Request-Id from a
 * trusted proxy, else a new one), written back onto the request for the app to read and onto the
 * response; its context (./context.ts) is entered so everything Next runs for it sees the same id.
 */

interface InFlight {
  context: RequestContext;
  started: bigint;
  method: string;
  path: string;
}

const inFlight = new WeakMap<IncomingMessage, InFlight>();
const state = globalThis as unknown as { factdeskHttpObserved?: boolean };

/** Requests whose line is debug, not info: the outbox poller's wake-up call every few seconds, and static files. */
const QUIET_ROUTES = new Set(["/api/internal/effects", "/_next/static", "/_next/image"]);

function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

export function onRequestStart(request: IncomingMessage, response: ServerResponse, socket: Socket | null): void {
  const given = isTrustedProxy(socket?.remoteAddress) ? acceptedRequestId(request.headers[REQUEST_ID_HEADER] as string | undefined) : null;
  const context = newRequestContext(given ?? newRequestId());
  // The app reads the id from the request (route handlers, actions); nobody else's word survives.
  request.headers[REQUEST_ID_HEADER] = context.requestId;
  response.setHeader("X-Request-Id", context.requestId);
  const path = pathOf(request.url);
  context.span = startRequestSpan(request.method ?? "GET", path, context.requestId);
  inFlight.set(request, { context, started: process.hrtime.bigint(), method: request.method ?? "GET", path });
  enterRequest(context);
}

export function onResponseFinish(request: IncomingMessage, response: ServerResponse): void {
  const entry = inFlight.get(request);
  if (!entry) return;
  inFlight.delete(request);
  const seconds = Number(process.hrtime.bigint() - entry.started) / 1e9;
  const route = buildRouteMatcher()(entry.path);
  const status = response.statusCode;
  observeRequest(entry.method, route, status, seconds);
  endRequestSpan(entry.context.span, entry.method, route, status, entry.context.userId);
  const line = {
    request_id: entry.context.requestId,
    method: entry.method,
    route,
    status,
    duration_ms: Math.round(seconds * 10_000) / 10,
    user_id: entry.context.userId,
    ...(entry.context.errorCode ? { error_code: entry.context.errorCode } : {}),
  };
  const log = logger();
  const message = `${entry.method} ${route} ${status}`;
  if (QUIET_ROUTES.has(route)) log.debug(line, message);
  else if (status >= 500) log.error(line, message);
  else log.info(line, message);
}

/** Installs the observers once per process (instrumentation.ts). */
export function observeHttpRequests(): void {
  if (state.factdeskHttpObserved) return;
  state.factdeskHttpObserved = true;
  subscribe("http.server.request.start", (message) => {
    const { request, response, socket } = message as { request: IncomingMessage; response: ServerResponse; socket: Socket };
    onRequestStart(request, response, socket);
  });
  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    onResponseFinish(request, response);
  });
}
