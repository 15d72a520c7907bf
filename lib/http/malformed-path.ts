import { errorResponse } from "@/lib/api/errors";
import { fail } from "@/lib/core/result";

/**
 * A path whose percent-escapes do not decode to UTF-8 text (`%ff`, a cut-off `%E0%A4%A`, `%zz`) is
 * the client's mistake. Next's router fails to decode such a path into route params and answers 500,
 * after the proxy and before any route code, so the proxy has to refuse it first.
 */
export function hasMalformedPercentEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

const MESSAGE = "This address is malformed: its percent-encoding does not decode to UTF-8 text.";

/** 400 for a malformed path (the API's JSON error under /api/, plain text elsewhere); null for a well-formed one. */
export function malformedPathResponse(pathname: string): Response | null {
  if (!hasMalformedPercentEncoding(pathname)) return null;
  if (pathname === "/api" || pathname.startsWith("/api/")) return errorResponse(fail("bad_request", MESSAGE).error);
  return new Response(`400 Bad Request\n\n${MESSAGE}\n`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
