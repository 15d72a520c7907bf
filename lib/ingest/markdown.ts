import type { ExtractedFields } from "./types";
import { clean, headlineFrom, httpUrl, isoDate, normaliseText } from "./text";

function frontMatter(source: string): { data: Record<string, string>; rest: string } {
  const match = source.match(/^---\n([\s\S]*?)\n(?:---|\.\.\.)\n?/);
  if (!match) return { data: {}, rest: source };
  const data: Record<string, string> = {};
  for (const line of match[1].split("\n")) {
    const kv = line.match(/^([A-Za-z_][\w-]*)\s*:\s*(.*)$/);
    if (kv) data[kv[1].toLowerCase()] = kv[2].trim().replace(/^(["'])(.*)\1$/, "$2");
  }
  return { data, rest: source.slice(match[0].length) };
}

function inline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<https?:\/\/[^>]+>/g, (m) => m.slice(1, -1))
    .replace(/<\/?[a-z][^>]*>/gi, "")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/(^|[^\w*])[*_](?=\S)([^*_\n]*?\S)[*_](?=[^\w*]|$)/g, "$1$2")
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!>|])/g, "$1");
}

/** Markdown to the text a reader sees: headings, emphasis, links and list markers dropped, paragraphs kept. */
export function markdownToText(source: string): ExtractedFields {
  const { data, rest } = frontMatter(normaliseText(source));
  let firstHeading: string | null = null;
  const out: string[] = [];
  let inFence = false;
  for (const raw of rest.split("\n")) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(raw);
      continue;
    }
    let line = raw;
    if (/^\s*\[[^\]]+\]:\s*\S+/.test(line)) continue; // reference link definitions
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push("");
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) continue; // table rule
    if (/^\s*={3,}\s*$|^\s*-{3,}\s*$/.test(line)) continue; // setext underline
    const heading = line.match(/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/);
    if (heading) {
      line = heading[1];
      if (firstHeading === null) firstHeading = inline(line).trim();
      out.push("", inline(line), "");
      continue;
    }
    line = line
      .replace(/^\s{0,3}(>\s?)+/, "")
      .replace(/^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?/, "");
    if (line.includes("|") && /^\s*\|.*\|\s*$/.test(line)) {
      line = line.trim().replace(/^\||\|$/g, "").split("|").map((cell) => cell.trim()).join("  ");
    }
    out.push(inline(line));
  }
  const body = normaliseText(out.join("\n"));
  return {
    title: clean(data.title) ?? firstHeading ?? headlineFrom(body),
    body,
    sourceUrl: httpUrl(data.canonical_url ?? data.canonical ?? data.source_url ?? data.url ?? data.source),
    publisher: clean(data.publisher ?? data.site_name ?? data.site ?? data.publication, 200),
    publishedAt: isoDate(data.date ?? data.published ?? data.published_at ?? data.publishedat ?? data.pubdate),
  };
}
