import type { ExtractedFields } from "./types";
import { clean, headlineFrom, isoDate, normaliseText } from "./text";

interface PdfInfo {
  Title?: string;
  Author?: string;
  CreationDate?: string;
}

interface Unpdf {
  getDocumentProxy(data: Uint8Array): Promise<unknown>;
  extractText(pdf: unknown, options: { mergePages: true }): Promise<{ text: string }>;
  getMeta(pdf: unknown): Promise<{ info: PdfInfo }>;
}

export class PdfSupportMissing extends Error {
  constructor() {
    super("PDF support is not installed on this server (the unpdf package is missing). Paste the text instead, or ask an administrator.");
  }
}

// A variable specifier keeps bundlers from resolving an optional package at build time.
const UNPDF = "unpdf";

async function loadUnpdf(): Promise<Unpdf> {
  try {
    return (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ UNPDF)) as Unpdf;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || /Cannot find (module|package)/.test(String(error))) {
      throw new PdfSupportMissing();
    }
    throw error;
  }
}

export async function pdfToArticle(bytes: Uint8Array): Promise<ExtractedFields> {
  const unpdf = await loadUnpdf();
  // pdf.js takes ownership of the buffer it is given.
  const pdf = await unpdf.getDocumentProxy(new Uint8Array(bytes));
  const [{ text }, meta] = await Promise.all([
    unpdf.extractText(pdf, { mergePages: true }),
    unpdf.getMeta(pdf).catch(() => ({ info: {} as PdfInfo })),
  ]);
  const body = normaliseText(text);
  return {
    title: clean(meta.info.Title) ?? headlineFrom(body),
    body,
    sourceUrl: null,
    publisher: null,
    publishedAt: isoDate(meta.info.CreationDate),
  };
}
