import { escapeHtml } from "@/lib/http/escape-html";
import { summaryPath } from "./config";

/*
 * The embed code handed out by the summary page's "Embed this" box and by oEmbed: an iframe of the
 * card, sandboxed (the card needs no scripts; links open our page in a new tab), sized to fit it.
 * Plain functions, no database: the page's client component uses them too.
 */

export const OEMBED_WIDTH = 560;
const SUMMARY_HEIGHT = { base: 210, perClaim: 58, maxClaims: 4 };
const CLAIM_HEIGHT = 360;

export function embedPath(slug: string, claimId: number | null): string {
  return claimId == null ? `${summaryPath(slug)}/embed` : `${summaryPath(slug)}/embed/claim/${claimId}`;
}

/** The iframe the "Embed this" box and oEmbed both hand out. */
export function embedIframe(options: { src: string; title: string; width: number; height: number }): string {
  return (
    `<iframe src="${escapeHtml(options.src)}" width="${options.width}" height="${options.height}" ` +
    `title="${escapeHtml(options.title)}" style="border:0;max-width:100%" loading="lazy" ` +
    `sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="strict-origin-when-cross-origin"></iframe>`
  );
}

export function defaultEmbedSize(claimCount: number | null): { width: number; height: number } {
  if (claimCount == null) return { width: OEMBED_WIDTH, height: CLAIM_HEIGHT };
  return { width: OEMBED_WIDTH, height: SUMMARY_HEIGHT.base + SUMMARY_HEIGHT.perClaim * Math.min(claimCount, SUMMARY_HEIGHT.maxClaims) };
}

