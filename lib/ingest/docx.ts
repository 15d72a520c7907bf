import mammoth from "mammoth";
import type { ExtractedFields } from "./types";
import { headlineFrom, normaliseText } from "./text";

/** Word documents: the raw text of every paragraph (mammoth), the first short line as the title. */
export async function docxToArticle(bytes: Uint8Array): Promise<ExtractedFields> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  const body = normaliseText(value);
  return { title: headlineFrom(body), body, sourceUrl: null, publisher: null, publishedAt: null };
}
