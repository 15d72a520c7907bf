/**
 * Constraint errors as either engine reports them (issue #17): better-sqlite3 throws SQLITE_CONSTRAINT_*
 * codes, PostgreSQL answers SQLSTATE 23xxx, and drizzle may wrap either in its own error with the
 * driver's as `cause`. Domain code that turns a constraint into an answer ("that name is taken") asks
 * here instead of matching one engine's code.
 */

export interface ConstraintViolation {
  kind: "unique" | "foreign_key" | "not_null" | "check";
  /** The driver's message: SQLite names the columns ("UNIQUE constraint failed: t.a"), PostgreSQL the constraint. */
  message: string;
  /** PostgreSQL's constraint name (e.g. "saved_views_user_name_unique"); SQLite does not report one. */
  constraint?: string;
}

const SQLITE_KINDS: Record<string, ConstraintViolation["kind"]> = {
  SQLITE_CONSTRAINT_UNIQUE: "unique",
  SQLITE_CONSTRAINT_PRIMARYKEY: "unique",
  SQLITE_CONSTRAINT_FOREIGNKEY: "foreign_key",
  SQLITE_CONSTRAINT_NOTNULL: "not_null",
  SQLITE_CONSTRAINT_CHECK: "check",
};

const POSTGRES_KINDS: Record<string, ConstraintViolation["kind"]> = {
  "23505": "unique",
  "23503": "foreign_key",
  "23502": "not_null",
  "23514": "check",
};

/** The constraint `error` (or an error it wraps) reports, or undefined when it is not a constraint error. */
export function constraintViolation(error: unknown): ConstraintViolation | undefined {
  for (let at = error, depth = 0; at && depth < 5; at = (at as { cause?: unknown }).cause, depth++) {
    const { code, message, constraint } = at as { code?: unknown; message?: unknown; constraint?: unknown };
    if (typeof code !== "string") continue;
    const sqliteKind = SQLITE_KINDS[code];
    if (sqliteKind) return { kind: sqliteKind, message: String(message ?? "") };
    // PostgreSQL's SQLSTATE, as sqlState reads it: the first five-character code on the chain decides.
    if (/^[0-9A-Z]{5}$/.test(code)) {
      const kind = POSTGRES_KINDS[code];
      return kind ? { kind, message: String(message ?? ""), constraint: typeof constraint === "string" ? constraint : undefined } : undefined;
    }
  }
  return undefined;
}

/** Whether `error` is a unique (or primary key) violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  return constraintViolation(error)?.kind === "unique";
}
