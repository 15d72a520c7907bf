/**
 * What audit verification reads, from a PostgreSQL desk: the same rows lib/workflow/audit.ts's
 * readAuditRows reads from SQLite, so verifyAuditRows applies the very same rules to both engines.
 */
import { asc, sql } from "drizzle-orm";
import type { PgExecutor } from "@/db/client-pg";
import { citations, claimRevisions, claims, signoffCitations, signoffs } from "@/db/schema-pg";
import type { AuditRows } from "@/lib/workflow/audit";
import { rowsOf } from "./copy";

export async function readPgAuditRows(db: PgExecutor): Promise<AuditRows> {
  const [sequence] = rowsOf<{ seq: number | null }>(
    await db.execute(sql`SELECT CASE WHEN is_called THEN last_value ELSE NULL END::int AS seq FROM signoffs_id_seq`),
  );
  return {
    signoffs: (await db.select().from(signoffs).orderBy(asc(signoffs.id))) as AuditRows["signoffs"],
    signoffCitations: await db.select().from(signoffCitations).orderBy(asc(signoffCitations.signoffId), asc(signoffCitations.citationId)),
    citations: (await db.select().from(citations)) as AuditRows["citations"],
    claimRevisions: await db.select({ claimId: claimRevisions.claimId, version: claimRevisions.version, textHash: claimRevisions.textHash }).from(claimRevisions),
    claims: (await db
      .select({ id: claims.id, text: claims.text, textHash: claims.textHash, state: claims.state, verdict: claims.verdict, version: claims.version, round: claims.round })
      .from(claims)
      .orderBy(asc(claims.id))) as AuditRows["claims"],
    signoffSequence: sequence?.seq ?? null,
  };
}
