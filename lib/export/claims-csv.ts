import { stringify } from "csv-stringify/sync";
import type { DbExecutor } from "@/db/client";
import { articleTitles } from "@/lib/articles/facts";
import { CLAIM_STATE_LABEL, VERDICT_LABEL } from "@/lib/core/vocabulary";
import { MAX_PAGE_SIZE } from "@/lib/validations/claims";
import { enteredStateAt, roundSignoffs } from "@/lib/workflow/read-model";
import { inArray } from "drizzle-orm";
import { users } from "@/db/schema";
import { listClaimRows } from "@/lib/workflow";
import { signoffFactsOf } from "@/lib/workflow/queries";
import type { AppError } from "@/lib/core/result";
import type { ClaimRowView } from "@/lib/workflow/types";
import type { QueueListArgs } from "./queue-list";

/** The columns a desk chief reads, in order. */
export const CLAIM_CSV_COLUMNS = [
  "ID",
  "State",
  "Verdict",
  "Claim",
  "Article",
  "Submitter",
  "Reviewer (current round)",
  "Assignee",
  "Created",
  "Last changed",
  "In state since",
  "URL",
] as const;

/** A UTF-8 byte order mark: without it Excel reads the file as the local code page and mangles "José Núñez". */
export const BOM = "\uFEFF";

/** Rows read per page of the list (its maximum) and pages per chunk of the stream: ~500 rows a chunk. */
const PAGES_PER_CHUNK = 5;

/** One claim as a CSV record, with the facts read beside the row (reviewer, state entry, title). */
export interface ClaimCsvRow {
  claim: ClaimRowView;
  articleTitle: string | null;
  reviewerName: string | null;
  inStateSince: string | null;
}

/**
 * Typed text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
 * leading apostrophe, which spreadsheets hide: a claim reading "=HYPERLINK(…)" stays text (OWASP CSV injection).
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function claimRecord({ claim, articleTitle, reviewerName, inStateSince }: ClaimCsvRow, origin: string): string[] {
  return [
    String(claim.id),
    CLAIM_STATE_LABEL[claim.state],
    claim.verdict ? VERDICT_LABEL[claim.verdict] : "",
    spreadsheetSafe(claim.text),
    spreadsheetSafe(articleTitle ?? ""),
    spreadsheetSafe(claim.submitterName),
    spreadsheetSafe(reviewerName ?? ""),
    spreadsheetSafe(claim.assigneeName ?? ""),
    claim.createdAt,
    claim.updatedAt,
    inStateSince ?? "",
    `${origin}/claims/${claim.id}`,
  ];
}

/** RFC 4180 records: fields quoted when they hold a comma, quote or line break, quotes doubled, CRLF after each record. */
export function csvRecords(records: ReadonlyArray<readonly string[]>): string {
  // csv-stringify quotes a field holding the record delimiter (CRLF) but not a bare LF or CR: readers would split those.
  return stringify(records as string[][], { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

/** The claims' CSV records, with the header first when asked. */
export function csvText(records: ReadonlyArray<readonly string[]>, options: { header?: boolean } = {}): string {
  return csvRecords(options.header ? [[...CLAIM_CSV_COLUMNS], ...records] : records);
}

/** Names by id, looked up once per export: a desk has far fewer people and articles than claims. */
function cachedLookup(read: (ids: number[]) => Map<number, string>): (ids: Iterable<number>) => Map<number, string> {
  const known = new Map<number, string>();
  return (ids) => {
    const missing = [...new Set(ids)].filter((id) => !known.has(id));
    if (missing.length > 0) {
      // Bounded: a desk with very many articles re-reads instead of holding them all.
      if (known.size > 20_000) known.clear();
      for (const [id, name] of read(missing)) known.set(id, name);
    }
    return known;
  };
}

/**
 * Adds what the table does not carry to a page of rows: the sign-off facts (action, round, who, when;
 * not notes or hashes) in one query, names and titles from per-export caches.
 */
function factsReader(db: DbExecutor): (rows: ClaimRowView[]) => ClaimCsvRow[] {
  const titlesOf = cachedLookup((ids) => articleTitles(db, ids));
  const namesOf = cachedLookup((ids) => new Map(db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)).all().map((user) => [user.id, user.name])));
  return (rows) => {
    const trails = signoffFactsOf(db, rows.map((row) => row.id));
    const reviews = rows.map((row) => roundSignoffs(trails.get(row.id) ?? [], row.round).review);
    const names = namesOf(reviews.flatMap((review) => (review ? [review.userId] : [])));
    const titles = titlesOf(rows.flatMap((row) => (row.articleId != null ? [row.articleId] : [])));
    return rows.map((claim, index) => {
      const review = reviews[index];
      return {
        claim,
        articleTitle: claim.articleId != null ? (titles.get(claim.articleId) ?? null) : null,
        reviewerName: review ? (names.get(review.userId) ?? null) : null,
        inStateSince: enteredStateAt(trails.get(claim.id) ?? []),
      };
    });
  };
}

/**
 * Every claim of a queue view as CSV (BOM, header, then one record per claim, in the view's order),
 * streamed: each pull reads the next few pages of the list with its own cursor, so memory holds one
 * chunk whatever the view's size. The view's own cursor and limit are ignored: an export is the whole view.
 * A refused first page (a bad filter) is returned as the error instead of a stream.
 */
export function claimsCsvStream(
  db: DbExecutor,
  { filters, viewer }: Pick<QueueListArgs, "filters" | "viewer">,
  origin: string,
  options: { pageSize?: number; pagesPerChunk?: number } = {},
): { ok: true; stream: ReadableStream<Uint8Array> } | { ok: false; error: AppError } {
  const limit = options.pageSize ?? MAX_PAGE_SIZE;
  const pagesPerChunk = options.pagesPerChunk ?? PAGES_PER_CHUNK;
  const first = listClaimRows(db, filters, { limit }, viewer);
  if (!first.ok) return first;
  const encoder = new TextEncoder();
  let pending: ClaimRowView[] | null = first.value.data;
  let cursor = first.value.nextCursor;
  let started = false;
  const withFacts = factsReader(db);

  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const rows: ClaimRowView[] = [];
      if (pending) {
        rows.push(...pending);
        pending = null;
      }
      for (let pages = rows.length > 0 ? 1 : 0; pages < pagesPerChunk && cursor; pages++) {
        const page = listClaimRows(db, filters, { cursor, limit }, viewer);
        // Rows changed under the cursor (it can only go stale by a change of order): end the file rather than repeat rows.
        if (!page.ok) {
          cursor = null;
          break;
        }
        rows.push(...page.value.data);
        cursor = page.value.nextCursor;
      }
      const text = csvText(withFacts(rows).map((row) => claimRecord(row, origin)), { header: !started });
      controller.enqueue(encoder.encode(started ? text : BOM + text));
      started = true;
      if (!cursor) controller.close();
    },
  });
  return { ok: true, stream };
}

/** `factdesk-claims-2026-12-02.csv`, the day of the export in UTC. */
export function exportFileName(now: Date = new Date()): string {
  return `factdesk-claims-${now.toISOString().slice(0, 10)}.csv`;
}

/** The download's response: CSV, attachment, not cached (it holds the desk's claims). */
export function csvResponse(stream: ReadableStream<Uint8Array>, now: Date = new Date()): Response {
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(now)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
