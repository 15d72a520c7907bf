import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { articles, claims, type Role } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import type { AppError, Result } from "@/lib/result";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import type { CitationInput } from "@/lib/validations/claims";
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

export function createDesk(): Desk {
  const db = createTestDb();
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
      .get().id,
  };
  return desk;
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

export function submit(desk: Desk, actor: Actor = desk.reporter, text = CLAIM_TEXT): ClaimDetail {
  return unwrap(submitClaim(desk.db, actor, { text, articleId: desk.articleId, citations: [originCitation(desk.articleId)] }));
}

const TABLES = ["claims", "claim_revisions", "citations", "signoffs", "signoff_citations", "claim_assignments"] as const;

/** Row counts plus every claim's version/state: equal snapshots mean a refused request wrote nothing. */
export function snapshot(db: Db): Record<string, unknown> {
  const counts = Object.fromEntries(
    TABLES.map((table) => [table, db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`))!.n]),
  );
  const claimRows = db
    .select({ id: claims.id, version: claims.version, state: claims.state, text: claims.text, verdict: claims.verdict, round: claims.round, assigneeId: claims.assigneeId })
    .from(claims)
    .all();
  return { counts, claimRows };
}

/** Runs `attempt`, asserts it was refused with `code` and that the database is unchanged. */
export function expectRefusedWithoutWrites<T>(db: Db, code: AppError["code"], attempt: () => Result<T>): AppError {
  const before = snapshot(db);
  const error = refusal(attempt());
  expect(error.code).toBe(code);
  expect(snapshot(db)).toEqual(before);
  return error;
}
