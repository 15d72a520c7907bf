import { isIP } from "node:net";
import { fail, ok, type Result } from "@/lib/core/result";

/*
 * Where webhooks may point. HTTPS to public hosts only: plain http, loopback, private, link-local
 * and other special-purpose addresses are refused, so a hook cannot be aimed at the desk's own
 * network (169.254.169.254, 10.x, the server itself). Plain http and https to a loopback host are
 * allowed only in development (NODE_ENV=development) or with FACTDESK_WEBHOOKS_ALLOW_HTTP_LOOPBACK=1
 * (the e2e suite's receiver). Host names are checked as written; a public name that resolves to a
 * private address is not caught here (DNS is not consulted).
 */

const MAX_URL_LENGTH = 2000;

export interface UrlPolicyEnv {
  NODE_ENV?: string;
  FACTDESK_WEBHOOKS_ALLOW_HTTP_LOOPBACK?: string;
}

export function loopbackAllowed(env: UrlPolicyEnv = process.env as UrlPolicyEnv): boolean {
  return env.NODE_ENV === "development" || env.FACTDESK_WEBHOOKS_ALLOW_HTTP_LOOPBACK === "1";
}

function ipv4Parts(host: string): number[] | null {
  if (isIP(host) !== 4) return null;
  return host.split(".").map(Number);
}

/** 127/8, ::1, localhost and its subdomains. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (name === "::1" || name === "0:0:0:0:0:0:0:1") return true;
  const v4 = ipv4Parts(name) ?? ipv4Parts(name.replace(/^::ffff:/, ""));
  return v4 !== null && v4[0] === 127;
}

/** Addresses no public webhook lives at: private, link-local, CGNAT, unspecified, multicast, reserved, unique-local. */
export function isNonPublicAddress(host: string): boolean {
  const name = host.toLowerCase();
  const v4 = ipv4Parts(name) ?? ipv4Parts(name.replace(/^::ffff:/, ""));
  if (v4) {
    const [a, b] = v4 as [number, number];
    return (
      a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)) || a >= 224
    );
  }
  if (isIP(name) === 6) {
    return name === "::" || name === "::1" || /^f[cd]/.test(name) || /^fe[89ab]/.test(name) || name.startsWith("ff");
  }
  return false;
}

/**
 * Whether a webhook may be registered at (and sent to) `raw`: the normalised URL, or an `invalid`
 * refusal naming the `url` field with what to change.
 */
export function checkWebhookUrl(raw: string, env: UrlPolicyEnv = process.env as UrlPolicyEnv): Result<string> {
  const refuse = (message: string) => fail("invalid", message, { fields: { url: [message] } });
  if (raw.length > MAX_URL_LENGTH) return refuse(`Keep the URL under ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return refuse("Enter a full URL, e.g. https://chat.example.org/hooks/factdesk.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return refuse("Use an https:// URL.");
  if (url.username || url.password) return refuse("Leave credentials out of the URL; the signature header authenticates Factdesk to the receiver.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isLoopbackHost(host)) {
    if (loopbackAllowed(env)) return ok(url.href);
    return refuse("Loopback addresses (localhost, 127.0.0.1) are allowed only in development.");
  }
  if (url.protocol === "http:") return refuse("Use https://: plain http is allowed only for loopback receivers in development.");
  if (isNonPublicAddress(host)) return refuse("Private, link-local and reserved addresses cannot receive webhooks; use the receiver's public https address.");
  return ok(url.href);
}
