export const INGEST_FORMATS = ["txt", "md", "html", "docx", "pdf"] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

/** The most reading one uploaded file may take (on a worker thread) before it is stopped. */
export const INGEST_BUDGET_MS = Number(process.env.FACTDESK_INGEST_BUDGET_MS ?? 20_000);

/** 5 MiB: larger files are refused before any parsing. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** What a file says about the article; every field but the body is a prefill the reporter can change. */
export interface IngestedArticle {
  format: IngestFormat;
  title: string | null;
  body: string;
  sourceUrl: string | null;
  publisher: string | null;
  /** YYYY-MM-DD when the file names a publication date. */
  publishedAt: string | null;
}

export type ExtractedFields = Omit<IngestedArticle, "format">;
