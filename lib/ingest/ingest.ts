import { fail, ok, type Result } from "@/lib/core/result";
import { MAX_ARTICLE_CHARS } from "@/lib/validations/articles";
import { checkDeclaredDocxSize, DocxTooLarge, docxToArticle } from "./docx";
import { htmlToArticle } from "./html";
import { markdownToText } from "./markdown";
import { pdfToArticle } from "./pdf";
import { headlineFrom, normaliseText, takeLeadingDate } from "./text";
import { checkUpload } from "./format";
import { type ExtractedFields, type IngestedArticle, type IngestFormat } from "./types";

export { ACCEPTED_EXTENSIONS, detectFormat } from "./format";

export interface UploadedFile {
  name: string;
  type?: string | null;
  bytes: Uint8Array;
}

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4000);
  return sample.includes("\u0000") || (sample.match(/\uFFFD/g)?.length ?? 0) > sample.length / 20;
}

function tooMuchDocumentData(label: string, error: DocxTooLarge) {
  const mb = (n: number) => `${Math.ceil(n / 1024 / 1024).toLocaleString("en")} MB`;
  return fail(
    "payload_too_large",
    `${label} unpacks to ${error.declared ? mb(error.inflatedBytes) : `more than ${mb(error.limitBytes)}`} of document data; a .docx can unpack to at most ${mb(error.limitBytes)}, far more than the text of one article needs.`,
    { fields: { file: ["The document unpacks to too much data."] } },
  );
}

/**
 * The checks that cost next to nothing, for the request thread before a file goes to a worker:
 * size, type, and for a .docx the sizes its zip declares. Ok means "worth reading", not "readable".
 */
export async function precheckFile(file: UploadedFile): Promise<Result<IngestFormat>> {
  const label = file.name || "The file";
  const checked = checkUpload({ name: file.name, type: file.type, size: file.bytes.byteLength });
  if (!checked.ok) return checked;
  const format = checked.value;
  if (format === "docx") {
    try {
      await checkDeclaredDocxSize(file.bytes);
    } catch (error) {
      if (error instanceof DocxTooLarge) return tooMuchDocumentData(label, error);
      // A damaged zip is reported by the full read, with the same message as always.
    }
  }
  return ok(format);
}

/**
 * A file's article text and what the file says about it (title, URL, publisher, date).
 * Refuses files over 5 MiB, unknown types, zip bombs and files without text; nothing is stored here.
 */
export async function ingestFile(file: UploadedFile): Promise<Result<IngestedArticle>> {
  const label = file.name || "The file";
  const checked = await precheckFile(file);
  if (!checked.ok) return checked;
  const format = checked.value;
  let fields: ExtractedFields;
  try {
    fields = await extract(format, file.bytes);
  } catch (error) {
    if (error instanceof DocxTooLarge) return tooMuchDocumentData(label, error);
    return fail("invalid", `${label} could not be read as ${format.toUpperCase()}. Check that the file is not damaged, or paste the text instead.`, {
      fields: { file: ["The file could not be read."] },
    });
  }
  if (!fields.body.trim()) {
    return fail("invalid", `${label} contains no text to check.`, { fields: { file: ["No text found in this file."] } });
  }
  if (fields.body.length > MAX_ARTICLE_CHARS) {
    return fail("payload_too_large", `${label} has ${fields.body.length.toLocaleString("en")} characters of text; an article can have at most ${MAX_ARTICLE_CHARS.toLocaleString("en")}.`, {
      fields: { file: ["Too much text for one article."] },
    });
  }
  return ok({ format, ...fields });
}

async function extract(format: IngestFormat, bytes: Uint8Array): Promise<ExtractedFields> {
  switch (format) {
    case "txt": {
      const text = decodeText(bytes);
      if (looksBinary(text)) throw new Error("binary");
      const { publishedAt, body } = takeLeadingDate(normaliseText(text));
      return { title: headlineFrom(body), body, sourceUrl: null, publisher: null, publishedAt };
    }
    case "md": {
      const text = decodeText(bytes);
      if (looksBinary(text)) throw new Error("binary");
      return markdownToText(text);
    }
    case "html": {
      const text = decodeText(bytes);
      if (looksBinary(text)) throw new Error("binary");
      return htmlToArticle(text);
    }
    case "docx":
      return docxToArticle(bytes);
    case "pdf":
      return pdfToArticle(bytes);
  }
}
