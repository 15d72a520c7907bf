import { claimAnchor, summaryPath } from "./config";
import { VERDICT_LABEL } from "@/lib/core/vocabulary";
import type { PublicSummary } from "./types";

const MD_SPECIAL = /([\\`*_[\]<>#|])/g;

/** Escapes Markdown syntax in plain text so a claim can never turn into a link or heading. */
export function escapeMarkdown(text: string): string {
  return text.replace(MD_SPECIAL, "\\$1");
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function blockquote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join("\n");
}

/** The summary as Markdown, ready to paste into a CMS; links point back to the public page. */
export function summaryToMarkdown(summary: PublicSummary, options: { baseUrl: string; orgName: string }): string {
  const pageUrl = `${options.baseUrl}${summaryPath(summary.slug)}`;
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(summary.title)}`, "");
  out.push(
    `*${escapeMarkdown(options.orgName)} fact-check · version ${summary.version} · published ${day(summary.publishedAt)}` +
      `${summary.version > 1 ? ` (first published ${day(summary.firstPublishedAt)})` : ""}*`,
    "",
  );
  if (summary.withdrawn) {
    out.push(`**This summary was withdrawn on ${day(summary.withdrawn.at)}.** ${escapeMarkdown(summary.withdrawn.reason)}`, "");
  }
  out.push(escapeMarkdown(summary.introduction), "");
  for (const claim of summary.claims) {
    out.push(`## ${VERDICT_LABEL[claim.verdict]}: ${escapeMarkdown(claim.text)}`, "");
    if (claim.underReReview) out.push("**Under re-review:** our editors have reopened this claim; the verdict may change.", "");
    out.push(escapeMarkdown(claim.explanation), "");
    if (claim.citations.length > 0) {
      out.push("**Sources**", "");
      for (const citation of claim.citations) {
        const name = escapeMarkdown(citation.title) + (citation.publisher ? `, ${escapeMarkdown(citation.publisher)}` : "");
        const link = citation.url ? `[${name}](<${citation.url.replace(/>/g, "%3E")}>)` : `${name}${citation.documentRef ? ` (${escapeMarkdown(citation.documentRef)})` : ""}`;
        out.push(`- ${link} (${citation.kind})`, "", blockquote(citation.quote).replace(/^/gm, "  "), "");
      }
    }
    const people = [
      claim.reviewedBy ? `Reviewed by ${escapeMarkdown(claim.reviewedBy.name)} on ${day(claim.reviewedBy.at)}` : "",
      `verified by ${escapeMarkdown(claim.verifiedBy.name)} on ${day(claim.verifiedBy.at)}`,
    ].filter(Boolean);
    const credits = people.join(", ");
    out.push(`*${credits.charAt(0).toUpperCase()}${credits.slice(1)}.* [Permalink](${pageUrl}#${claimAnchor(claim.id)})`, "");
  }
  if (summary.corrections.length > 0) {
    out.push("## Corrections", "");
    for (const entry of summary.corrections) {
      out.push(`- **${day(entry.publishedAt)}, version ${entry.version}:** ${escapeMarkdown(entry.note)}`);
      for (const change of entry.changes) out.push(`  - ${escapeMarkdown(change.description)}`);
    }
    out.push("");
  }
  out.push(`Source: [${escapeMarkdown(summary.title)}](${pageUrl})`, "");
  return out.join("\n");
}
