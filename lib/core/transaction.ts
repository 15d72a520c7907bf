import { Refusal, ok, type Result } from "./result";

/** What inTransaction needs of a database: drizzle's synchronous transaction. */
export interface Transactional<Tx> {
  transaction<T>(work: (tx: Tx) => T, config?: { behavior?: "deferred" | "immediate" | "exclusive" }): T;
}

/**
 * Runs `work` in one IMMEDIATE transaction (the write lock is taken up front, so two requests cannot
 * both read version N and both write N+1). A `refuse(...)` thrown inside rolls everything back and
 * becomes a failed Result; any other error is a bug and propagates.
 */
export function inTransaction<Tx, T>(db: Transactional<Tx>, work: (tx: Tx) => T): Result<T> {
  try {
    return ok(db.transaction((tx) => work(tx), { behavior: "immediate" }));
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error };
    throw error;
  }
}

export const nowIso = (): string => new Date().toISOString();
