import type { RunResult } from "better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type { z } from "zod";
import type { Db } from "@/db/client";
import type * as schema from "@/db/schema";
import { fail, fieldErrorsFrom, ok, Refusal, type Result } from "@/lib/result";

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

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return fail("invalid", "Some fields need attention", { fields: fieldErrorsFrom(parsed.error.issues) });
}

export const nowIso = (): string => new Date().toISOString();
