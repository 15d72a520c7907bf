import { splitSentences } from "@/lib/extract/sentences";

/** Plain-text normalisation shared by every format: one newline style, no BOM, at most one blank line. */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00A0\t ]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * A headline near the top: the first paragraph that is one short line without closing
 * punctuation ("Skip To Content / Fast Forward" above a headline is a menu, not the title).
 */
export function headlineFrom(body: string): string | null {
  const blocks = body.split(/\n\s*\n/).slice(0, 5);
  for (const block of blocks) {
    const line = block.trim();
    if (!line || line.includes("\n") || line.length > 200) continue;
    const words = line.split(/\s+/).length;
    if (words >= 3 && words <= 30 && !/[.!?:;,]["”’)]?$/.test(line)) return line;
  }
  const first = body.split("\n", 1)[0]?.trim() ?? "";
  if (!first) return null;
  if (first.length <= 200) return first;
  // A long first paragraph is prose, not a headline: offer its first sentence, shortened if need be.
  return shortenAtWord(splitSentences(first)[0]?.text ?? first, TITLE_FROM_TEXT_MAX);
}

/** Longest title made up from running text; a reporter should not have to cut a paragraph down. */
const TITLE_FROM_TEXT_MAX = 120;

/** At most `max` characters, cut at a word boundary with an ellipsis when it had to be cut. */
export function shortenAtWord(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(" ");
  // A single very long word (a URL, say) has no boundary worth keeping: cut it where it is.
  const kept = space >= max / 2 ? cut.slice(0, space) : cut.slice(0, max - 1);
  return `${kept.replace(/[\s,;:.\-–—(“"‘']+$/u, "")}…`;
}

// "date 2022-08-02", "Published: June 6, 2018": a date line some text exports put above the article.
const DATE_PREFIX = /^(?:date|dated|published(?: on)?|posted(?: on)?|publication date)\s*:?[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)[ \t]*/i;
const DATE_LINE = /^(?:date|dated|published(?: on)?|posted(?: on)?|publication date)\s*:?[ \t]+([^\n]*\b(?:1[89]|20)\d{2}\b[^\n]*)(?:\n|$)/i;

/**
 * A leading date line read as the publication date and taken out of the body. An ISO date may be
 * followed by the text on the same line (" date 2022-08-02 Ivanka Trump's husband…" in the corpus);
 * other date forms count only when they are the whole line.
 */
export function takeLeadingDate(body: string): { publishedAt: string | null; body: string } {
  const prefix = body.match(DATE_PREFIX);
  if (prefix) return { publishedAt: isoDate(prefix[1]), body: normaliseText(body.slice(prefix[0].length)) };
  const line = body.match(DATE_LINE);
  const date = line ? isoDate(line[1]) : null;
  if (line && date) return { publishedAt: date, body: normaliseText(body.slice(line[0].length)) };
  return { publishedAt: null, body };
}

/** YYYY-MM-DD from the many ways files write a date; null when it cannot be read. */
export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  // Keep the calendar date the publisher wrote; converting to UTC can move it by a day.
  const direct = trimmed.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (direct) return `${direct[1]}-${direct[2]}-${direct[3]}`;
  // PDF dates: D:20180606120000+01'00'
  const pdf = trimmed.match(/^D:(\d{4})(\d{2})(\d{2})/);
  if (pdf) return `${pdf[1]}-${pdf[2]}-${pdf[3]}`;
  const parsed = Date.parse(trimmed);
  if (Number.isNaN(parsed)) return null;
  return new Date(parsed).toISOString().slice(0, 10);
}

export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export function clean(value: string | null | undefined, max = 300): string | null {
  const text = value?.replace(/\s+/g, " ").trim();
  return text ? text.slice(0, max) : null;
}
