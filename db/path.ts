import path from "node:path";

export const DEFAULT_DATABASE_PATH = "data/factdesk.db";

/** `DATABASE_URL` may be a plain path or a `file:` URL; relative paths are taken from the working directory. */
export function resolveDatabasePath(url: string | undefined = process.env.DATABASE_URL): string {
  const raw = url && url.trim() !== "" ? url.trim() : DEFAULT_DATABASE_PATH;
  if (raw === ":memory:") return raw;
  const withoutScheme = raw.startsWith("file://") ? new URL(raw).pathname : raw.replace(/^file:/, "");
  // The database lives wherever the operator says, at run time: keep Turbopack from tracing the whole project for it.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), withoutScheme);
}
