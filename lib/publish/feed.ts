import { Feed } from "feed";
import { escapeHtml, escapeHtmlText } from "@/lib/http/escape-html";
import { claimAnchor, summaryPath } from "./config";
import { VERDICT_LABEL } from "@/lib/core/vocabulary";
import type { PublicSummary } from "./types";

/*
 * The `feed` package writes entry titles and summaries as Atom `type="html"` (in CDATA, escaping only
 * the first `]]>`), so editors' text goes in HTML-escaped: readers then show the literal words the
 * page shows, never markup, and no `]]>` can end the CDATA section early.
 */
const asHtmlText = escapeHtmlText;

/** The entry body: introduction and each claim with its verdict, as HTML (Atom `content type="html"`). */
function entryHtml(summary: PublicSummary, pageUrl: string): string {
  if (summary.withdrawn) return `<p><strong>Withdrawn:</strong> ${escapeHtml(summary.withdrawn.reason)}</p>`;
  const claims = summary.claims
    .map(
      (claim) =>
        `<li><a href="${escapeHtml(`${pageUrl}#${claimAnchor(claim.id)}`)}"><strong>${VERDICT_LABEL[claim.verdict]}</strong></a>: ` +
        `${escapeHtml(claim.text)}${claim.underReReview ? " <em>(under re-review)</em>" : ""}</li>`,
    )
    .join("");
  const correction = summary.version > 1 && summary.correctionNote
    ? `<p><strong>Correction (version ${summary.version}):</strong> ${escapeHtml(summary.correctionNote)}</p>`
    : "";
  return `<p>${escapeHtml(summary.introduction)}</p><ul>${claims}</ul>${correction}`;
}

/** Atom 1.0 feed of published summaries, newest change first; withdrawn ones stay in it, saying so. */
export function buildSummariesFeed(summaries: readonly PublicSummary[], options: { baseUrl: string; orgName: string }): string {
  const feedUrl = `${options.baseUrl}/summaries/feed.xml`;
  const updated = summaries.reduce<Date | undefined>((latest, s) => {
    const at = new Date(s.withdrawn?.at ?? s.publishedAt);
    return !latest || at > latest ? at : latest;
  }, undefined);
  const feed = new Feed({
    id: `${options.baseUrl}/summaries`,
    title: `${options.orgName} fact-checks`,
    description: `Verified claims with verdicts, sources and sign-offs, published by ${options.orgName}.`,
    link: `${options.baseUrl}/summaries`,
    language: "en",
    updated: updated ?? new Date(0),
    generator: "Factdesk",
    feedLinks: { atom: feedUrl },
    author: { name: options.orgName, link: options.baseUrl },
    copyright: `© ${options.orgName}`,
  });
  for (const summary of summaries) {
    const pageUrl = `${options.baseUrl}${summaryPath(summary.slug)}`;
    const verdicts = summary.claims.map((c) => VERDICT_LABEL[c.verdict]).join(", ");
    feed.addItem({
      id: pageUrl,
      link: pageUrl,
      title: asHtmlText(summary.withdrawn ? `Withdrawn: ${summary.title}` : summary.title),
      date: new Date(summary.withdrawn?.at ?? summary.publishedAt),
      published: new Date(summary.firstPublishedAt),
      description: asHtmlText(
        summary.withdrawn
          ? `Withdrawn: ${summary.withdrawn.reason}`
          : `${summary.claims.length} claim${summary.claims.length === 1 ? "" : "s"} checked (${verdicts}). ${summary.introduction}`,
      ),
      content: entryHtml(summary, pageUrl),
      author: [{ name: options.orgName, link: options.baseUrl }],
      category: [...new Set(summary.claims.map((c) => VERDICT_LABEL[c.verdict]))].map((name) => ({ name, term: name })),
    });
  }
  return feed.atom1();
}
