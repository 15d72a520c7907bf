import type { RunResult } from "better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type { z } from "zod";
import type { Db } from "@/db/client";
import type * as schema from "@/db/schema";
import { fail, fieldErrorsFrom, ok, Refusal, type Result } from "@/lib/result";
import { wellFormedInput } from "@/lib/validations/well-formed";

/** Either the database or a transaction on it: read helpers accept both so mutations can return fresh state. */
export type DbExecutor = BaseSQLiteDatabase<"sync", RunResult, typeof schema>;

/**
 * Runs `work` in one IMMEDIATE transaction (the write lock is taken up front, so two requests cannot
 * both read version N and both write N+1). A `refuse(...)` thrown inside rolls everything back and
 * becomes a failed Result; any other error is a bug and propagates.
 */
export function inTransaction<T>(db: Db, work: (tx: DbExecutor) => T): Result<T> {
  try {
    return ok(db.transaction((tx) => work(tx), { behavior: "immediate" }));
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error };
    throw error;
  }
}

/**
 * The one parse every domain function's input goes through, from server actions and the API alike:
 * the schema's output with every string well-formed (lone surrogates become U+FFFD, see
 * lib/validations/well-formed.ts), so what is hashed is what SQLite stores.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(wellFormedInput(parsed.data));
  return fail("invalid", "Some fields need attention", { fields: fieldErrorsFrom(parsed.error.issues) });
}

export const nowIso = (): string => new Date().toISOString();
