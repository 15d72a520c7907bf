/*
 * Importing earlier fact-checks into the archive (issue #13). `url` is the key: a review imported again
 * updates its row (or is skipped when nothing changed). Every item is judged on its own: a bad one is
 * reported with its position and message and never stops the rest. Statements are prepared once and
 * items written in transactions of a thousand, so 10,000 items take about a second.
 */
import { createHash } from "node:crypto";
import { parseHTML } from "linkedom";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { claimReviewItems, itemsOfBlocks, looksLikeHtml, parseJsonLd, readClaimReview, type FactCheckFields, type ItemError } from "./extract";

export interface ImportReport {
  imported: number;
  updated: number;
  skipped: number;
  errors: ItemError[];
}

export interface ImportOptions {
  /** Added to every error's index (the upload page sends a file in chunks). */
  offset?: number;
  /** Called after each transaction with how many items are done, of how many. */
  onProgress?: (done: number, total: number) => void;
}

/** The JSON-LD blocks of an HTML page (`<script type="application/ld+json">`), in document order. */
export function jsonLdBlocksOfHtml(html: string): string[] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll("script")]
    .filter((script) => (script.getAttribute("type") ?? "").trim().toLowerCase().startsWith("application/ld+json"))
    .map((script) => script.textContent ?? "");
}

/** The items of a file or request body: JSON-LD text, or an HTML page carrying JSON-LD blocks. */
export function itemsOfSource(source: string): { ok: true; items: unknown[] } | { ok: false; message: string } {
  if (looksLikeHtml(source)) {
    const blocks = jsonLdBlocksOfHtml(source);
    if (blocks.length === 0) return { ok: false, message: "The page carries no <script type=\"application/ld+json\"> block." };
    return { ok: true, items: itemsOfBlocks(blocks) };
  }
  const parsed = parseJsonLd(source);
  return parsed.ok ? { ok: true, items: claimReviewItems(parsed.value) } : parsed;
}

const FIELDS = ["url", "claimReviewed", "headline", "rating", "ratingValue", "bestRating", "worstRating", "author", "authorUrl", "datePublished", "appearanceUrl", "claimAuthor", "claimDate"] as const;

function contentHash(fields: FactCheckFields): string {
  return createHash("sha256").update(JSON.stringify(FIELDS.map((f) => fields[f]))).digest("hex");
}

const prepared = new WeakMap<object, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  const sqlite = db.$client;
  const columns = "claim_reviewed = @claimReviewed, headline = @headline, rating = @rating, rating_value = @ratingValue, best_rating = @bestRating, worst_rating = @worstRating, author = @author, author_url = @authorUrl, date_published = @datePublished, appearance_url = @appearanceUrl, claim_author = @claimAuthor, claim_date = @claimDate, content_hash = @contentHash, imported_by_id = @importedById, updated_at = @now";
  return {
    find: sqlite.prepare<[string], { id: number; contentHash: string }>("SELECT id, content_hash AS contentHash FROM factchecks WHERE url = ?"),
    insert: sqlite.prepare(
      `INSERT INTO factchecks (url, claim_reviewed, headline, rating, rating_value, best_rating, worst_rating, author, author_url, date_published, appearance_url, claim_author, claim_date, content_hash, imported_by_id, created_at, updated_at)
       VALUES (@url, @claimReviewed, @headline, @rating, @ratingValue, @bestRating, @worstRating, @author, @authorUrl, @datePublished, @appearanceUrl, @claimAuthor, @claimDate, @contentHash, @importedById, @now, @now)`,
    ),
    update: sqlite.prepare(`UPDATE factchecks SET ${columns} WHERE id = @id`),
  };
}

const BATCH = 1000;

/** Stores already-found items (see itemsOfSource); each one imported, updated, skipped or reported. */
export function importItems(db: Db, actor: Pick<Actor, "id"> | null, items: readonly unknown[], options: ImportOptions = {}): ImportReport {
  let statements = prepared.get(db.$client);
  if (!statements) prepared.set(db.$client, (statements = prepare(db)));
  const s = statements;
  const report: ImportReport = { imported: 0, updated: 0, skipped: 0, errors: [] };
  const offset = options.offset ?? 0;
  const now = new Date().toISOString();
  const write = db.$client.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const read = readClaimReview(items[i]);
      if (!read.ok) {
        report.errors.push({ index: offset + i, message: read.message });
        continue;
      }
      const row = { ...read.value, contentHash: contentHash(read.value), importedById: actor?.id ?? null, now };
      const existing = s.find.get(row.url);
      if (!existing) {
        s.insert.run(row);
        report.imported++;
      } else if (existing.contentHash === row.contentHash) {
        report.skipped++;
      } else {
        s.update.run({ ...row, id: existing.id });
        report.updated++;
      }
    }
  });
  for (let from = 0; from < items.length; from += BATCH) {
    write(from, Math.min(items.length, from + BATCH));
    options.onProgress?.(Math.min(items.length, from + BATCH), items.length);
  }
  return report;
}

/** A whole JSON-LD value (a request body) into the archive. */
export function importJsonLd(db: Db, actor: Pick<Actor, "id"> | null, value: unknown, options?: ImportOptions): ImportReport {
  return importItems(db, actor, claimReviewItems(value), options);
}

/**
 * A file's or page's text into the archive. Text that is neither JSON nor a page with JSON-LD is one
 * error at index 0 (nothing else could be read from it).
 */
export function importSource(db: Db, actor: Pick<Actor, "id"> | null, source: string, options?: ImportOptions): ImportReport {
  const found = itemsOfSource(source);
  if (!found.ok) return { imported: 0, updated: 0, skipped: 0, errors: [{ index: options?.offset ?? 0, message: found.message }] };
  return importItems(db, actor, found.items, options);
}
