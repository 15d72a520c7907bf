import { Refusal, ok, type Result } from "./result";

/** What inTransaction needs of a database: drizzle's synchronous transaction. */
export interface Transactional<Tx> {
  transaction<T>(work: (tx: Tx) => T, config?: { behavior?: "deferred" | "immediate" | "exclusive" }): T;
}

/** Wraps every domain transaction (tracing, lib/observability/tracing.ts, when it is on); called with the transaction to run. */
export type TransactionHook = <T>(run: () => T) => T;

// On globalThis: the instrumentation hook that installs it and the routes that run transactions are separate bundles.
const hooks = globalThis as unknown as { factdeskTransactionHook?: TransactionHook | null };

/** Installs (or, with null, removes) the transaction hook. */
export function setTransactionHook(hook: TransactionHook | null): void {
  hooks.factdeskTransactionHook = hook;
}

/**
 * Runs `work` in one IMMEDIATE transaction (the write lock is taken up front, so two requests cannot
 * both read version N and both write N+1). A `refuse(...)` thrown inside rolls everything back and
 * becomes a failed Result; any other error is a bug and propagates.
 */
export function inTransaction<Tx, T>(db: Transactional<Tx>, work: (tx: Tx) => T): Result<T> {
  try {
    const hook = hooks.factdeskTransactionHook;
    const run = () => db.transaction((tx) => work(tx), { behavior: "immediate" });
    return ok(hook ? hook(run) : run());
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error };
    throw error;
  }
}

export const nowIso = (): string => new Date().toISOString();
