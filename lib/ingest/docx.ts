import JSZip from "jszip";
import mammoth from "mammoth";
import { MAX_ARTICLE_CHARS } from "@/lib/validations/articles";
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

/**
 * The most a .docx's XML parts may inflate to: 50 bytes of markup for each character an article may
 * have, far more than Word writes. Larger is refused, before inflating by the sizes the zip declares
 * and while inflating by what comes out (declared sizes can lie).
 */
export const MAX_DOCX_XML_BYTES = 50 * MAX_ARTICLE_CHARS;
/** All parts together, pictures included (they are stored, hardly compressed, within the 5 MiB upload). */
export const MAX_DOCX_TOTAL_BYTES = 2 * MAX_DOCX_XML_BYTES;

/** A .docx that would inflate past the limits: refused as too large, not as damaged. */
export class DocxTooLarge extends Error {
  constructor(
    readonly inflatedBytes: number,
    readonly limitBytes: number,
    /** Refused by the sizes the zip declares (nothing inflated), or while inflating. */
    readonly declared: boolean,
  ) {
    super(`The document inflates to more than ${limitBytes} bytes.`);
  }
}

const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);

/** The uncompressed size an entry's central-directory record declares (jszip reads it, does not expose it). */
function declaredSize(entry: JSZip.JSZipObject): number {
  const size = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof size === "number" && size >= 0 ? size : 0;
}

interface ZipStream {
  on(event: "data", listener: (chunk: Uint8Array) => void): ZipStream;
  on(event: "error", listener: (error: Error) => void): ZipStream;
  on(event: "end", listener: () => void): ZipStream;
  pause(): ZipStream;
  resume(): ZipStream;
}

/** Inflates an entry chunk by chunk, stopping as soon as more than `cap` bytes have come out. */
function inflatedSize(entry: JSZip.JSZipObject, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = 0;
    // jszip's chunked inflater (public in its docs, missing from its type definitions).
    const stream = (entry as unknown as { internalStream(type: "uint8array"): ZipStream }).internalStream("uint8array");
    stream
      .on("data", (chunk: Uint8Array) => {
        total += chunk.length;
        if (total > cap) {
          stream.pause();
          resolve(total);
        }
      })
      .on("error", reject)
      .on("end", () => resolve(total))
      .resume();
  });
}

/**
 * The first, cheap half of checkDocxSize: reads only the zip's directory (milliseconds, nothing
 * inflated), so it can run on the request thread before a worker is involved.
 */
export async function checkDeclaredDocxSize(bytes: Uint8Array): Promise<{ entries: JSZip.JSZipObject[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  const declaredXml = entries.filter((e) => isXmlPart(e.name)).reduce((sum, e) => sum + declaredSize(e), 0);
  const declaredTotal = entries.reduce((sum, e) => sum + declaredSize(e), 0);
  if (declaredXml > MAX_DOCX_XML_BYTES) throw new DocxTooLarge(declaredXml, MAX_DOCX_XML_BYTES, true);
  if (declaredTotal > MAX_DOCX_TOTAL_BYTES) throw new DocxTooLarge(declaredTotal, MAX_DOCX_TOTAL_BYTES, true);
  return { entries };
}

/**
 * Refuses zip bombs: first by the sizes the zip's directory declares (no inflating at all), then by
 * inflating the XML parts (which mammoth reads) with a running count that stops at the limit.
 */
export async function checkDocxSize(bytes: Uint8Array): Promise<void> {
  const { entries } = await checkDeclaredDocxSize(bytes);
  let inflated = 0;
  for (const entry of entries.filter((e) => isXmlPart(e.name))) {
    inflated += await inflatedSize(entry, MAX_DOCX_XML_BYTES - inflated);
    if (inflated > MAX_DOCX_XML_BYTES) throw new DocxTooLarge(inflated, MAX_DOCX_XML_BYTES, false);
  }
}

/** Word documents: the raw text of every paragraph (mammoth); title and date from the core properties, else the first short line. */
export async function docxToArticle(bytes: Uint8Array): Promise<ExtractedFields> {
  await checkDocxSize(bytes);
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  const body = normaliseText(value);
  const properties = await coreProperties(bytes);
  return { title: properties.title ?? headlineFrom(body), body, sourceUrl: null, publisher: null, publishedAt: properties.created };
}
