export { ACCEPTED_EXTENSIONS, detectFormat, ingestFile, type UploadedFile } from "./ingest";
export { htmlToArticle, elementText } from "./html";
export { markdownToText } from "./markdown";
export { INGEST_FORMATS, MAX_UPLOAD_BYTES, type ExtractedFields, type IngestedArticle, type IngestFormat } from "./types";
