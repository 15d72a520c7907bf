import JSZip from "jszip";
import mammoth from "mammoth";
import type { ExtractedFields } from "./types";
import { clean, headlineFrom, isoDate, normaliseText } from "./text";

const CORE_PROPERTIES_TYPE = /\/relationships\/metadata\/core-properties$/;

function decodeXml(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Text of the first element with this local name, whatever namespace prefix the writer chose. */
function element(xml: string, localName: string): string | null {
  const match = xml.match(new RegExp(`<(?:[\\w.-]+:)?${localName}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${localName}>`));
  return match ? decodeXml(match[1]) : null;
}

/**
 * The document's core properties (File > Properties in Word): dc:title and dcterms:created.
 * mammoth reads only the body, so the package is opened here too. Missing or broken parts are no
 * prefill, never a refusal: the body is what matters.
 */
async function coreProperties(bytes: Uint8Array): Promise<{ title: string | null; created: string | null }> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    let path = "docProps/core.xml";
    const rels = await zip.file("_rels/.rels")?.async("string");
    for (const tag of rels?.match(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g) ?? []) {
      const type = tag.match(/\bType="([^"]*)"/)?.[1] ?? "";
      const target = tag.match(/\bTarget="([^"]*)"/)?.[1];
      if (target && CORE_PROPERTIES_TYPE.test(type)) path = decodeXml(target).replace(/^\//, "");
    }
    const xml = await zip.file(path)?.async("string");
    if (!xml) return { title: null, created: null };
    return { title: clean(element(xml, "title")), created: isoDate(element(xml, "created")) };
  } catch {
    return { title: null, created: null };
  }
}

/** Word documents: the raw text of every paragraph (mammoth); title and date from the core properties, else the first short line. */
export async function docxToArticle(bytes: Uint8Array): Promise<ExtractedFields> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  const body = normaliseText(value);
  const properties = await coreProperties(bytes);
  return { title: properties.title ?? headlineFrom(body), body, sourceUrl: null, publisher: null, publishedAt: properties.created };
}
