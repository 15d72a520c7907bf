/**
 * Which database engine `DATABASE_URL` names (issue #17): a `postgres://` or `postgresql://` URL is
 * PostgreSQL; a path, a `file:` URL, `:memory:` or nothing at all is the embedded SQLite database
 * (db/path.ts says which file). No imports: db/path.ts and the CLI both build on it.
 */

export type DatabaseEngine = "sqlite" | "postgres";

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

export function databaseEngine(url: string | undefined = process.env.DATABASE_URL): DatabaseEngine {
  return url !== undefined && POSTGRES_URL.test(url.trim()) ? "postgres" : "sqlite";
}

/** The URL with its password masked, for messages and progress lines. */
export function redactDatabaseUrl(url: string): string {
  if (databaseEngine(url) !== "postgres") return url;
  try {
    const parsed = new URL(url.trim());
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}

/**
 * What runs on PostgreSQL today. The app opens PostgreSQL at startup (db/client.ts openAppDatabase),
 * but parts of the desk's domain are still SQLite code being moved (lib/core/engine-neutral.test.ts
 * lists them), so by default the app refuses to half-run there. FACTDESK_POSTGRES_PREVIEW=1 opens it
 * anyway, for trying and testing the parts that already run on both; a desk can already be moved
 * there and back with db:copy (lib/dbcopy), which checks the audit chain on both sides.
 */
export const POSTGRES_TODAY = [
  "The app (npm start, the API and the CLI) still runs on SQLite only:",
  "set DATABASE_URL to a file path or a file: URL, or leave it unset for data/factdesk.db",
  "(FACTDESK_POSTGRES_PREVIEW=1 opens PostgreSQL anyway, for the parts that already run there).",
  "To move a desk to PostgreSQL (or back), run npx factdesk db:copy --from FILE --to postgres://…",
].join(" ");

/** Whether the app may open a PostgreSQL DATABASE_URL (see POSTGRES_TODAY). */
export function postgresEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.FACTDESK_POSTGRES_PREVIEW === "1";
}

/** Thrown where SQLite code meets a PostgreSQL URL, so the app stops at once instead of half-running. */
export class PostgresNotYetSupportedError extends Error {
  constructor(url: string, what = "The app") {
    super(`${what} cannot run on PostgreSQL yet (DATABASE_URL=${redactDatabaseUrl(url)}). ${POSTGRES_TODAY}`);
    this.name = "PostgresNotYetSupportedError";
  }
}
