import { and, eq } from "drizzle-orm";
import { publications, summaries } from "@/db/schema";

/**
 * Joins a summary to the publication readers see now: `.innerJoin(publications, currentPublication)`.
 * Its own small module so the proxy's 410 check (withdrawn-answer.ts) can use it without loading the
 * rest of publishing.
 */
export const currentPublication = and(eq(publications.summaryId, summaries.id), eq(publications.version, summaries.currentVersion))!;
