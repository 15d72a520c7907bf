import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/auth.config";
import { ensureAuthSecret } from "@/lib/auth/secret";
import { malformedPathResponse } from "@/lib/http/malformed-path";
import { forwardedOverHttps } from "@/lib/http/trusted-proxy";
import { withdrawnAnswer } from "@/lib/publish/withdrawn-answer";
import { contentSecurityPolicy, newNonce, securityArea, STRICT_TRANSPORT_SECURITY } from "@/lib/http/security-headers";

// Cheap redirects only; every page, action and route checks the user and role on the server.
const { auth } = NextAuth({ ...authConfig, secret: ensureAuthSecret() });
// Auth.js as middleware proper (`export { auth as proxy }`): redirects signed-out visitors, refreshes the session cookie.
const signInGate = auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

const dev = process.env.NODE_ENV === "development";

/**
 * Security headers on every page, summary and API answer (see lib/http/security-headers.ts), and
 * the signed-out redirect for desk pages. Desk pages get a fresh nonce: Next reads it from the
 * request's Content-Security-Policy and puts it on the scripts it renders.
 */
export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  // /metrics is for the operator's scraper (it checks its own access): no sign-in redirect, the API's policy.
  const area = request.nextUrl.pathname === "/metrics" ? "api" : securityArea(request.nextUrl.pathname);
  const https = forwardedOverHttps(request.headers);
  const nonce = area === "desk" ? newNonce() : undefined;
  const policy = contentSecurityPolicy(area, { nonce, https, dev });

  let response: Response;
  // Next's router answers 500 on a path it cannot decode (`%ff`), after the proxy: refuse it here, with the headers.
  const malformed = malformedPathResponse(request.nextUrl.pathname);
  if (malformed) {
    response = malformed;
  } else if (area === "desk") {
    const gate = await signInGate(request, event);
    if (gate.headers.has("location")) {
      response = gate; // signed out: off to sign-in
    } else {
      const requestHeaders = new Headers(request.headers);
      requestHeaders.set("content-security-policy", policy);
      requestHeaders.set("x-nonce", nonce!);
      response = NextResponse.next({ request: { headers: requestHeaders } });
      for (const cookie of gate.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
    }
  } else {
    // A withdrawn summary answers 410 (lib/publish/withdrawn-answer.ts: null for every other path).
    response = (await withdrawnAnswer(request.nextUrl.pathname)) ?? NextResponse.next();
  }
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Static files get their headers from next.config.js; running the proxy for each would only cost time.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
