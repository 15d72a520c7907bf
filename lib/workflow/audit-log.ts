import { desc, eq } from "drizzle-orm";
import type { Db, DbExecutor } from "@/db/client";
import type { AuditVerification } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";

/** What any audit-chain report carries, however many problems it lists. */
export interface VerificationReport {
  ok: boolean;
  count: number;
  headHash?: string | null;
  problems?: readonly unknown[];
}

export type VerificationSource = AuditVerification["source"];

/**
 * Records one run of the audit-chain check: when, by whom (null for the operator CLI), what it
 * found and the head hash it saw, so admins can tell from the desk when the chain was last checked.
 */
export async function recordAuditVerification(
  db: Db | DbExecutor,
  report: VerificationReport,
  actorId: number | null,
  source: VerificationSource = actorId === null ? "cli" : "api",
  now = new Date(),
): Promise<AuditVerification> {
  const { auditVerifications } = tablesOf(db);
  const [row] = await db
    .insert(auditVerifications)
    .values({
      verifiedAt: now.toISOString(),
      verifiedById: actorId,
      source,
      ok: report.ok,
      count: report.count,
      headHash: report.headHash ?? null,
      problemCount: report.problems?.length ?? (report.ok ? 0 : 1),
    })
    .returning();
  return row!;
}

export type VerificationSummary = AuditVerification & { verifiedByName: string | null };

/** The latest recorded run, with the verifier's name; null when the chain was never checked. */
export async function latestAuditVerification(db: Db | DbExecutor): Promise<VerificationSummary | null> {
  const { auditVerifications, users } = tablesOf(db);
  const row = await firstRow(
    db
      .select({ verification: auditVerifications, name: users.name })
      .from(auditVerifications)
      .leftJoin(users, eq(users.id, auditVerifications.verifiedById))
      .orderBy(desc(auditVerifications.verifiedAt), desc(auditVerifications.id))
      .limit(1),
  );
  return row ? { ...row.verification, verifiedByName: row.name } : null;
}
