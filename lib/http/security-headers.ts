/*
 * The Content-Security-Policy and HSTS proxy.ts sends; the headers that never vary (nosniff,
 * Referrer-Policy, X-Frame-Options, a deny-all CSP for static files) come from next.config.js.
 *
 * Three areas, three policies:
 * - desk (every signed-in page, and sign-in): rendered per request, so scripts need this request's
 *   nonce ('strict-dynamic' lets Next's runtime load its chunks). Nothing can frame it.
 * - public (/summaries/**): cached pages (ISR) carry no per-request nonce, so scripts are limited to
 *   this origin plus Next's inline hydration scripts; editors' text reaches them only through React's
 *   escaping and jsonLdScript. JSON-LD blocks are data, which script-src does not govern.
 * - embed (/summaries/{slug}/embed and below): the public policy, except that any site may frame it;
 *   these are the only pages without frame-ancestors 'none' (next.config.js leaves X-Frame-Options
 *   off them too; frame-headers.test.ts checks both agree).
 * - api: JSON, never a document: nothing may load or frame it.
 */

export type SecurityArea = "desk" | "public" | "embed" | "api";

/** `/summaries/{slug}/embed`, alone or with more segments (a claim's card). */
const EMBED_PATH = /^\/summaries\/[^/]+\/embed(?:\/|$)/;

export function isEmbedPath(pathname: string): boolean {
  return EMBED_PATH.test(pathname);
}

export function securityArea(pathname: string): SecurityArea {
  if (pathname.startsWith("/api/")) return "api";
  if (isEmbedPath(pathname)) return "embed";
  if (pathname === "/summaries" || pathname.startsWith("/summaries/")) return "public";
  // What crawlers read first: public, never behind the sign-in.
  if (pathname === "/robots.txt" || pathname === "/sitemap.xml") return "public";
  return "desk";
}

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

const COMMON = ["img-src 'self' data: blob:", "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"];

export interface PolicyOptions {
  /** Required for the desk: the nonce Next puts on its scripts for this request. */
  nonce?: string;
  /** The client reached us over https (via a trusted proxy): ask the browser to upgrade any http subresource. */
  https?: boolean;
  /** React's development build evaluates code for its error overlay. */
  dev?: boolean;
}

export function contentSecurityPolicy(area: SecurityArea, { nonce, https = false, dev = false }: PolicyOptions = {}): string {
  if (area === "api") return "default-src 'none'; frame-ancestors 'none'";
  const eval_ = dev ? " 'unsafe-eval'" : "";
  let scripts: string;
  if (area === "desk") {
    if (!nonce) throw new Error("The desk's policy needs a nonce");
    scripts = `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${eval_}`;
  } else {
    scripts = `script-src 'self' 'unsafe-inline'${eval_}`;
  }
  // Radix and React set style attributes; styles cannot run code, so inline ones stay allowed.
  // Any site may show an embed card in its pages; nothing else may be framed (clickjacking).
  const framing = area === "embed" ? "frame-ancestors *" : "frame-ancestors 'none'";
  const directives = ["default-src 'self'", scripts, "style-src 'self' 'unsafe-inline'", ...COMMON, framing];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Two years, subdomains too: what the HSTS preload list asks for, minus the preload opt-in itself. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
