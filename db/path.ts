import path from "node:path";
import { databaseEngine, PostgresNotYetSupportedError } from "@/lib/core/engine";

export const DEFAULT_DATABASE_PATH = "data/factdesk.db";

/**
 * `DATABASE_URL` may be a plain path or a `file:` URL; relative paths are taken from the working directory.
 * A `postgres://` URL throws (lib/core/engine.ts): every SQLite opener comes through here, so the app stops
 * at once with what works on PostgreSQL today instead of creating a file named after the URL.
 */
export function resolveDatabasePath(url: string | undefined = process.env.DATABASE_URL): string {
  if (databaseEngine(url) === "postgres") throw new PostgresNotYetSupportedError(url!);
  const raw = url && url.trim() !== "" ? url.trim() : DEFAULT_DATABASE_PATH;
  if (raw === ":memory:") return raw;
  const withoutScheme = raw.startsWith("file://") ? new URL(raw).pathname : raw.replace(/^file:/, "");
  // The database lives wherever the operator says, at run time: keep Turbopack from tracing the whole project for it.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), withoutScheme);
}
