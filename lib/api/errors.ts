import { httpStatus, type AppError } from "@/lib/core/result";
import { currentRequestId } from "@/lib/observability/context";

/** Every API response is uncacheable: answers depend on the token's user and change with every write. */
export const API_HEADERS = { "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" } as const;

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string[]>; details?: Record<string, unknown>; requestId?: string };
}

/**
 * The one place a domain error becomes an HTTP answer: status from lib/result, body `{"error": {...}}`,
 * carrying the request's id (as in X-Request-Id and the log line) when there is a request.
 */
export function errorPayload(error: AppError): { status: number; body: ApiErrorBody } {
  const { code, message, fields, details } = error;
  const requestId = currentRequestId();
  return {
    status: httpStatus(code),
    body: { error: { code, message, ...(fields ? { fields } : {}), ...(details ? { details } : {}), ...(requestId ? { requestId } : {}) } },
  };
}

export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const merged = new Headers(API_HEADERS);
  for (const [name, value] of new Headers(headers)) merged.set(name, value);
  return new Response(JSON.stringify(body), { status, headers: merged });
}

export function errorResponse(error: AppError, headers: HeadersInit = {}): Response {
  const { status, body } = errorPayload(error);
  return jsonResponse(body, status, headers);
}

/** For bugs only: the caller learns that it failed, never how (no stack, no SQL). */
export function internalErrorResponse(): Response {
  return jsonResponse(
    { error: { code: "internal", message: "Something went wrong on our side. The request may be retried." } },
    500,
  );
}
