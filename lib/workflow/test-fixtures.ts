import { asc, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import type { Signoff } from "@/db/schema";
import { type Role } from "@/lib/core/vocabulary";
import type { Actor } from "@/lib/core/actor";
import type { AppError, Result } from "@/lib/core/result";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { createUserOn } from "@/lib/testing/engines";
import { tablesOf } from "@/db/tables";
import type { CitationInput } from "@/lib/validations/claims";
import { GENESIS_HASH, signoffHash, type SignedCitation } from "./audit";
import { sha256Hex } from "./hash";
import { submitClaim } from "./submit";
import type { ClaimDetail } from "./types";

export const ARTICLE_BODY =
  "Alice Marie Johnson was 63 when President Trump commuted her sentence in June 2018. " +
  "She had served more than 21 years of a life sentence for a first-time drug offense.";

export const QUOTE = "She had served more than 21 years of a life sentence for a first-time drug offense.";
export const QUOTE_START = ARTICLE_BODY.indexOf(QUOTE);
export const CLAIM_TEXT = "Alice Marie Johnson served more than 21 years in prison.";

export interface Desk {
  db: Db;
  reporter: Actor;
  otherReporter: Actor;
  editorA: Actor;
  editorB: Actor;
  editorC: Actor;
  admin: Actor;
  articleId: number;
}

/** A desk on a fresh in-memory SQLite database, made synchronously (most tests); createDeskOn for any engine. */
export function createDesk(): Desk {
  const db = createTestDb();
  const { articles } = tablesOf(db);
  const user = (role: Role, name: string) => createTestUser(db, role, name);
  const reporter = user("reporter", "Rita Reporter");
  const desk: Desk = {
    db,
    reporter,
    otherReporter: user("reporter", "Omar Reporter"),
    editorA: user("editor", "Ada Editor"),
    editorB: user("editor", "Ben Editor"),
    editorC: user("editor", "Cy Editor"),
    admin: user("admin", "Ann Admin"),
    articleId: db
      .insert(articles)
      .values({ title: "Clemency", body: ARTICLE_BODY, contentHash: sha256Hex(ARTICLE_BODY), createdById: reporter.id })
      .returning()
      .get().id, // sqlite-branch
  };
  return desk;
}

let desksMade = 0;

/**
 * The same desk on any engine's database (lib/testing/engines.ts onEveryEngine): the same people and
 * article, made through awaited builders. A block's tests share its database, so each desk has people
 * of its own (their emails differ) and an article of its own.
 */
export async function createDeskOn(db: Db): Promise<Desk> {
  const { articles: articleTable } = tablesOf(db);
  const reporter = await createUserOn(db, "reporter", "Rita Reporter");
  // Articles are unique by content: each desk's ends with its own number, after the quoted passage.
  const body = `${ARTICLE_BODY} (Desk ${++desksMade}.)`;
  const [article] = await db
    .insert(articleTable)
    .values({ title: "Clemency", body, contentHash: sha256Hex(body), createdById: reporter.id })
    .returning();
  return {
    db,
    reporter,
    otherReporter: await createUserOn(db, "reporter", "Omar Reporter"),
    editorA: await createUserOn(db, "editor", "Ada Editor"),
    editorB: await createUserOn(db, "editor", "Ben Editor"),
    editorC: await createUserOn(db, "editor", "Cy Editor"),
    admin: await createUserOn(db, "admin", "Ann Admin"),
    articleId: article!.id,
  };
}

export function citation(overrides: Partial<CitationInput> = {}): CitationInput {
  return {
    url: "https://example.com/news/clemency",
    title: "Trump commutes sentence",
    publisher: "Example News",
    quote: "a life sentence for a first-time drug offense",
    kind: "supports",
    ...overrides,
  };
}

export function originCitation(articleId: number, overrides: Partial<CitationInput> = {}): CitationInput {
  return citation({ kind: "origin", articleId, quote: QUOTE, quoteStart: QUOTE_START, quoteEnd: QUOTE_START + QUOTE.length, ...overrides });
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
  return result.value;
}

export function refusal<T>(result: Result<T>): AppError {
  if (result.ok) throw new Error("expected a refusal, got ok");
  return result.error;
}

export async function submit(desk: Desk, actor: Actor = desk.reporter, text = CLAIM_TEXT): Promise<ClaimDetail> {
  return unwrap(await submitClaim(desk.db, actor, { text, articleId: desk.articleId, citations: [originCitation(desk.articleId)] }));
}

const TABLES = ["claims", "claimRevisions", "citations", "signoffs", "signoffCitations", "claimAssignments", "claimDueChanges"] as const;

/** Row counts plus every claim's version/state (on any engine): equal snapshots mean a refused request wrote nothing. */
export async function snapshot(db: Db): Promise<Record<string, unknown>> {
  const tables = tablesOf(db);
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await db.select({ n: sql`count(*)`.mapWith(Number) }).from(tables[table]);
    counts[table] = row!.n;
  }
  const { claims } = tables;
  const claimRows = await db
    .select({ id: claims.id, version: claims.version, state: claims.state, text: claims.text, verdict: claims.verdict, round: claims.round, assigneeId: claims.assigneeId, dueAt: claims.dueAt })
    .from(claims)
    .orderBy(asc(claims.id));
  return { counts, claimRows };
}

/** Runs `attempt`, asserts it was refused with `code` and that the database is unchanged. */
export async function expectRefusedWithoutWrites<T>(db: Db, code: AppError["code"], attempt: () => Result<T> | Promise<Result<T>>): Promise<AppError> {
  const before = await snapshot(db);
  const error = refusal(await attempt());
  expect(error.code).toBe(code);
  expect(await snapshot(db)).toEqual(before);
  return error;
}

/**
 * What someone holding the database file can do: rewrite sign-offs behind the triggers' backs and
 * re-hash the whole chain after them, so every row matches its hash again. Only an anchor (a head
 * hash recorded elsewhere) exposes it. SQLite only (it drops SQLite's trigger).
 */
export function rewriteHistory(db: Db, change: (row: Signoff) => Partial<Pick<Signoff, "note" | "verdict">> | null): void {
  const { signoffs, signoffCitations } = tablesOf(db);
  const sqlite = db.$client; // sqlite-branch
  sqlite.exec("DROP TRIGGER IF EXISTS signoffs_no_update");
  const links = new Map<number, SignedCitation[]>();
  for (const link of db.select().from(signoffCitations).all()) { // sqlite-branch
    links.set(link.signoffId, [...(links.get(link.signoffId) ?? []), { id: link.citationId, quoteHash: link.quoteHash, citationHash: link.citationHash }]);
  }
  const update = sqlite.prepare("UPDATE signoffs SET note = @note, verdict = @verdict, prev_hash = @prevHash, hash = @hash WHERE id = @id"); // sqlite-branch
  let prevHash = GENESIS_HASH;
  for (const original of db.select().from(signoffs).orderBy(asc(signoffs.id)).all()) { // sqlite-branch
    const row = { ...original, ...(change(original) ?? {}) };
    const { prevHash: _stored, hash: _old, ...content } = row;
    const hash = signoffHash(prevHash, { ...content, citations: links.get(row.id) ?? [] });
    update.run({ id: row.id, note: row.note, verdict: row.verdict, prevHash, hash }); // sqlite-branch
    prevHash = hash;
  }
}
