/*
 * Publishing configuration, read from the environment on every call (cheap) so tests can set it.
 *   FACTDESK_ORG_NAME    the organisation named as author of every ClaimReview and the feed (default "Factdesk")
 *   FACTDESK_PUBLIC_URL  the public origin used in canonical URLs, JSON-LD and the feed, e.g.
 *                        https://factcheck.example.org (default: the request's origin where there is a
 *                        request, otherwise http://localhost:$PORT)
 */

export function orgName(): string {
  return process.env.FACTDESK_ORG_NAME?.trim() || "Factdesk";
}

/** The configured public origin without a trailing slash, or null when not configured. */
export function configuredPublicUrl(): string | null {
  const raw = process.env.FACTDESK_PUBLIC_URL?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.href.replace(/\/+$/, "");
  } catch {
    return null;
  }
}

/**
 * The public origin. Cached (static) pages cannot look at the request, so they pass nothing and get
 * the configured URL or localhost; route handlers pass the request URL as the fallback.
 */
export function publicUrl(requestUrl?: string | URL): string {
  const configured = configuredPublicUrl();
  if (configured) return configured;
  if (requestUrl) return new URL(requestUrl).origin;
  return `http://localhost:${process.env.PORT || "3000"}`;
}

export function summaryPath(slug: string, version?: number): string {
  return version == null ? `/summaries/${slug}` : `/summaries/${slug}/v/${version}`;
}

export function claimAnchor(claimId: number): string {
  return `claim-${claimId}`;
}
