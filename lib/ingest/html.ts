import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { ExtractedFields } from "./types";
import { clean, httpUrl, isoDate, normaliseText } from "./text";

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
  "tbody", "thead", "tfoot", "tr", "ul",
]);
const SKIP = new Set(["script", "style", "noscript", "template", "svg", "iframe", "button", "select", "textarea", "head"]);
// Page chrome dropped when Readability cannot find an article and the whole body is used instead.
const CHROME = "nav, footer, aside, form, dialog, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=dialog], [aria-hidden=true]";

/** Removes page chrome before Readability sees it: short pages are otherwise returned whole, menus included. */
function dropChrome(document: Doc): void {
  for (const el of Array.from(document.querySelectorAll(CHROME))) el.remove();
  // A page header holds the masthead and menus; a header inside the article holds its headline.
  for (const el of Array.from(document.querySelectorAll("header"))) if (!el.closest("article, main")) el.remove();
}

interface NodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<NodeLike>;
}

/** Visible text of an element, one paragraph per block, whitespace inside a paragraph collapsed. */
export function elementText(root: NodeLike): string {
  const blocks: string[] = [];
  let current = "";
  const flush = () => {
    const text = current.replace(/\s+/g, " ").trim();
    if (text) blocks.push(text);
    current = "";
  };
  const walk = (node: NodeLike) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toLowerCase();
    if (SKIP.has(name)) return;
    if (name === "br") {
      flush();
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    if (name === "td" || name === "th") current += " ";
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks.join("\n\n");
}

type Doc = ReturnType<typeof parseHTML>["document"];

function meta(document: Doc, ...keys: string[]): string | null {
  for (const key of keys) {
    const el = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const value = el?.getAttribute("content")?.trim();
    if (value) return value;
  }
  return null;
}

function jsonLd(document: Doc): { headline?: string; datePublished?: string; publisher?: string; url?: string } {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const parsed: unknown = JSON.parse(script.textContent ?? "");
      const nodes = (Array.isArray(parsed) ? parsed : [parsed, ...((parsed as { "@graph"?: unknown[] })?.["@graph"] ?? [])]) as Array<Record<string, unknown>>;
      for (const node of nodes) {
        if (!node || typeof node !== "object" || !node.datePublished) continue;
        const publisher = node.publisher as { name?: string } | string | undefined;
        return {
          headline: typeof node.headline === "string" ? node.headline : undefined,
          datePublished: String(node.datePublished),
          publisher: typeof publisher === "string" ? publisher : publisher?.name,
          url: typeof node.url === "string" ? node.url : undefined,
        };
      }
    } catch {
      // A broken JSON-LD block is the page's problem, not a reason to refuse the article.
    }
  }
  return {};
}

/** The article in a web page: main text kept (Readability), chrome dropped, metadata prefilled from meta tags. */
export function htmlToArticle(html: string): ExtractedFields {
  const { document } = parseHTML(html.includes("<html") ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  const ld = jsonLd(document);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null;
  const metaTitle = meta(document, "og:title", "twitter:title") ?? ld.headline ?? null;
  const fields = {
    sourceUrl: httpUrl(canonical) ?? httpUrl(meta(document, "og:url")) ?? httpUrl(ld.url),
    publisher: clean(meta(document, "og:site_name", "application-name", "publisher") ?? ld.publisher, 200),
    publishedAt: isoDate(
      meta(document, "article:published_time", "datePublished", "date", "pubdate", "publish-date", "dc.date", "DC.date.issued") ??
        ld.datePublished ??
        document.querySelector("time[datetime]")?.getAttribute("datetime"),
    ),
  };
  const docTitle = document.querySelector("title")?.textContent ?? null;

  // Readability mutates the document, so it gets its own copy.
  const { document: copy } = parseHTML(document.toString());
  dropChrome(copy);
  let body = "";
  let readabilityTitle: string | null = null;
  try {
    const article = new Readability(copy as unknown as Document, { charThreshold: 200 }).parse();
    if (article?.content) {
      const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      body = elementText(content.body as unknown as NodeLike);
      readabilityTitle = article.title ?? null;
    }
  } catch {
    body = "";
  }
  if (!body.trim()) {
    dropChrome(document);
    const main = document.querySelector("article, main, [role=main]") ?? document.body;
    body = main ? elementText(main as unknown as NodeLike) : "";
  }
  const h1 = document.querySelector("h1")?.textContent ?? null;
  return {
    title: clean(metaTitle) ?? clean(readabilityTitle) ?? clean(h1) ?? clean(docTitle),
    body: normaliseText(body),
    ...fields,
  };
}
