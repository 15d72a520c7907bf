import { stringify } from "csv-stringify/sync";
import { and, asc, eq, inArray } from "drizzle-orm";
import { preparedPerConnection, type Db, type DbExecutor } from "@/db/client"; // sqlite-branch
import { engineOf, tablesOf } from "@/db/tables";
import { articleTitles } from "@/lib/articles/facts";
import { CLAIM_STATE_LABEL, VERDICT_LABEL } from "@/lib/core/vocabulary";
import { claimFiltersSchema } from "@/lib/validations/claims";
import { roundSignoffs } from "@/lib/workflow/read-model";
import { claimRowBatches } from "@/lib/workflow";
import { parseInput } from "@/lib/core/parse";
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
  "Due",
  "Created",
  "Last changed",
  "In state since",
  "URL",
] as const;

/** A UTF-8 byte order mark: without it Excel reads the file as the local code page and mangles "José Núñez". */
export const BOM = "\uFEFF";

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
    claim.dueAt ?? "",
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
function cachedLookup(read: (ids: number[]) => Promise<Map<number, string>>): (ids: Iterable<number>) => Promise<Map<number, string>> {
  const known = new Map<number, string>();
  return async (ids) => {
    const missing = [...new Set(ids)].filter((id) => !known.has(id));
    if (missing.length > 0) {
      // Bounded: a desk with very many articles re-reads instead of holding them all.
      if (known.size > 20_000) known.clear();
      for (const [id, name] of await read(missing)) known.set(id, name);
    }
    return known;
  };
}

type Review = { claimId: number; userId: number; round: number; action: "review" };

/** SQLite: the batch's reviews in one prepared statement, its ids one JSON parameter (any batch size). */
const preparedReviews = preparedPerConnection((executor: DbExecutor) => // sqlite-branch
  (executor as Db).$client.prepare<[string], Review>( // sqlite-branch
    `SELECT s.claim_id AS claimId, s.user_id AS userId, s.round AS round, s.action AS action
     FROM signoffs s WHERE s.claim_id IN (SELECT value FROM json_each(?)) AND s.action = 'review' ORDER BY s.id`,
  ),
);

/** The review sign-offs of a batch of claims, oldest first: all the reviewer column needs (not the whole trails). */
async function reviewsOf(db: DbExecutor, claimIds: number[]): Promise<Review[]> {
  if (engineOf(db) === "sqlite") return preparedReviews(db).all(JSON.stringify(claimIds)); // sqlite-branch
  const { signoffs } = tablesOf(db);
  const rows = await db
    .select({ claimId: signoffs.claimId, userId: signoffs.userId, round: signoffs.round })
    .from(signoffs)
    .where(and(inArray(signoffs.claimId, claimIds), eq(signoffs.action, "review")))
    .orderBy(asc(signoffs.id));
  return rows.map((row) => ({ ...row, action: "review" as const }));
}

/**
 * Adds what the table does not carry to a batch of rows: the reviewer of the current round (one query
 * for the batch's reviews), names and titles from per-export caches. When the claim entered its state
 * is on the row (kept by the database, as the queue shows it).
 */
function factsReader(db: DbExecutor): (rows: ClaimRowView[]) => Promise<ClaimCsvRow[]> {
  const { users } = tablesOf(db);
  const titlesOf = cachedLookup((ids) => articleTitles(db, ids));
  const namesOf = cachedLookup(async (ids) => new Map((await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((user) => [user.id, user.name])));
  return async (rows) => {
    const reviewsByClaim = new Map<number, { action: "review"; round: number; userId: number }[]>();
    // A draft has no review in its round (a return opens the next round; a review makes it reviewed): only the others are looked up.
    const reviewable = rows.flatMap((row) => (row.state === "draft" ? [] : [row.id]));
    for (const { claimId, ...review } of reviewable.length === 0 ? [] : await reviewsOf(db, reviewable)) {
      const list = reviewsByClaim.get(claimId);
      if (list) list.push(review);
      else reviewsByClaim.set(claimId, [review]);
    }
    const reviews = rows.map((row) => roundSignoffs(reviewsByClaim.get(row.id) ?? [], row.round).review);
    const names = await namesOf(reviews.flatMap((review) => (review ? [review.userId] : [])));
    const titles = await titlesOf(rows.flatMap((row) => (row.articleId != null ? [row.articleId] : [])));
    return rows.map((claim, index) => {
      const review = reviews[index];
      return {
        claim,
        articleTitle: claim.articleId != null ? (titles.get(claim.articleId) ?? null) : null,
        reviewerName: review ? (names.get(review.userId) ?? null) : null,
        inStateSince: claim.enteredStateAt ?? null,
      };
    });
  };
}

/** Rows read per query of the export: big enough that a query's cost is small beside its rows', small enough for flat memory. */
export const EXPORT_BATCH = 1000;

/**
 * Every claim of a queue view as CSV (BOM, header, then one record per claim, in the view's order),
 * streamed: each pull reads the next batch of the view's own list (claimRowBatches: the queue's
 * filters, order and scope, each batch one indexed query seeking from the previous one's last row),
 * so memory holds one batch whatever the view's size. The view's own cursor and limit are ignored: an
 * export is the whole view. Filters that do not parse are returned as the error instead of a stream.
 */
export function claimsCsvStream(
  db: DbExecutor,
  { filters, viewer }: Pick<QueueListArgs, "filters" | "viewer">,
  origin: string,
  options: { batch?: number } = {},
): { ok: true; stream: ReadableStream<Uint8Array> } | { ok: false; error: AppError } {
  const parsed = parseInput(claimFiltersSchema, filters);
  if (!parsed.ok) return parsed;
  const encoder = new TextEncoder();
  const withFacts = factsReader(db);
  // The view's batches: a generator, or (where its reads await) an async one; both are awaited.
  let batches: ReturnType<typeof claimRowBatches> | null = null;
  let started = false;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Opened at the first pull, so the file begins from the view as it is when it is read.
      batches ??= claimRowBatches(db, parsed.value, viewer, options.batch ?? EXPORT_BATCH);
      const next = await batches.next();
      const rows: ClaimRowView[] = next.done ? [] : next.value;
      const text = csvText((await withFacts(rows)).map((row) => claimRecord(row, origin)), { header: !started });
      if (text.length > 0) controller.enqueue(encoder.encode(started ? text : BOM + text));
      started = true;
      if (next.done) controller.close();
    },
    cancel() {
      void batches?.return(undefined);
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
