import type { ExtractedFields } from "./types";
import { clean, headlineFrom, isoDate, normaliseText } from "./text";

/** PDFs: the text of every page (pdf.js through unpdf), with the document's Title and CreationDate as prefills. */
export async function pdfToArticle(bytes: Uint8Array): Promise<ExtractedFields> {
  // Loaded on first use: pdf.js is large and only PDF uploads need it. next.config.js keeps it out of the
  // server bundle (serverExternalPackages), so this is a plain Node import at run time.
  const { extractText, getDocumentProxy, getMeta } = await import("unpdf");
  // pdf.js takes ownership of the buffer it is given. No eval: an uploaded file is untrusted input.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
  try {
    const [{ text: pages }, meta] = await Promise.all([
      extractText(pdf, { mergePages: false }),
      getMeta(pdf).catch(() => ({ info: {} as Record<string, unknown> })),
    ]);
    const body = normaliseText(pages.map((page) => page.trim()).filter(Boolean).join("\n\n"));
    const info = meta.info as { Title?: unknown; CreationDate?: unknown };
    return {
      title: clean(typeof info.Title === "string" ? info.Title : null) ?? headlineFrom(body),
      body,
      sourceUrl: null,
      publisher: null,
      publishedAt: isoDate(typeof info.CreationDate === "string" ? info.CreationDate : null),
    };
  } finally {
    await pdf.destroy();
  }
}
