import { and, eq, type SQL } from "drizzle-orm";
import { engineOf, tablesOf } from "@/db/tables";

/**
 * Joins a summary to the publication readers see now:
 * `.innerJoin(publications, currentPublication(db))`, with the tables of `db`'s engine. Its own small
 * module so the proxy's 410 check (withdrawn-answer.ts) can use it without loading the rest of
 * publishing. Built once per engine: the condition is the same for every query on it.
 */
const built: Partial<Record<"sqlite" | "postgres", SQL>> = {};

export function currentPublication(db: object): SQL {
  const engine = engineOf(db);
  const cached = built[engine];
  if (cached) return cached;
  const { publications, summaries } = tablesOf(db);
  return (built[engine] = and(eq(publications.summaryId, summaries.id), eq(publications.version, summaries.currentVersion))!);
}
