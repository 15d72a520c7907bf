import { fail, ok, type Result } from "@/lib/core/result";
import { MAX_UPLOAD_BYTES, type IngestFormat } from "./types";

/*
 * Which files Factdesk reads, without reading them: browser-safe (no parsers), so the add-article
 * form refuses a file up front with exactly the rule and the words the server uses.
 */

const BY_EXTENSION: Record<string, IngestFormat> = {
  txt: "txt",
  text: "txt",
  md: "md",
  markdown: "md",
  html: "html",
  htm: "html",
  xhtml: "html",
  docx: "docx",
  pdf: "pdf",
};

const BY_MIME: Record<string, IngestFormat> = {
  "text/plain": "txt",
  "text/markdown": "md",
  "text/x-markdown": "md",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/pdf": "pdf",
};

export const ACCEPTED_EXTENSIONS = [".txt", ".md", ".html", ".htm", ".docx", ".pdf"];

/** For a file input's `accept`: every extension and MIME type detectFormat knows. */
export const ACCEPT_ATTRIBUTE = [...Object.keys(BY_EXTENSION).map((extension) => `.${extension}`), ...Object.keys(BY_MIME)].join(",");

/** The format from the file name first (browsers guess MIME types poorly for .md), then the MIME type. */
export function detectFormat(fileName: string, mimeType?: string | null): IngestFormat | null {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (extension) return BY_EXTENSION[extension] ?? null;
  return (mimeType && BY_MIME[mimeType.split(";")[0].trim().toLowerCase()]) || null;
}

const MIB = (MAX_UPLOAD_BYTES / 1024 / 1024).toFixed(0);

/** A file worth sending: at most MAX_UPLOAD_BYTES and of a format Factdesk reads. */
export function checkUpload(file: { name: string; type?: string | null; size: number }): Result<IngestFormat> {
  const label = file.name || "The file";
  if (file.size > MAX_UPLOAD_BYTES) {
    const size = (file.size / 1024 / 1024).toFixed(1);
    return fail("payload_too_large", `${label} is ${size} MiB; files can be at most ${MIB} MiB.`, { fields: { file: [`At most ${MIB} MiB.`] } });
  }
  const format = detectFormat(file.name, file.type);
  if (!format) {
    return fail("invalid", `${label} is not a type Factdesk can read. Use a .txt, .md, .html, .docx or .pdf file.`, {
      fields: { file: ["Use a .txt, .md, .html, .docx or .pdf file."] },
    });
  }
  return ok(format);
}
