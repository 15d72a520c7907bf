import { readFileSync } from "node:fs";
import path from "node:path";
import { desc, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import type { BackupRow } from "@/db/schema";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import { latestAuditVerification, type VerificationSummary } from "@/lib/workflow/audit-log";
import { API_VERSION } from "./health";
import { databaseSizeBytes, deliveryStatus, eventConsumerStatus, type ConsumerStatus } from "./outbox";

/*
 * What the admins' System page shows (app/(desk)/admin/system): which build runs, how big the
 * database is, the last backup, the audit chain's head and its last verification, and how far behind
 * each outbox consumer is. All cheap reads; the latest errors come from the process's memory
 * (lib/observability/logger.ts).
 */

export interface SystemOverview {
  version: string;
  apiVersion: string;
  buildId: string | null;
  node: string;
  startedAt: string;
  database: { file: string; bytes: number };
  lastBackup: BackupRow | null;
  audit: { headId: number | null; headHash: string | null; signoffs: number; lastVerification: VerificationSummary | null };
  outbox: ConsumerStatus[];
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

function readBuildId(): string | null {
  try {
    return readFileSync(path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return null;
  }
}

/** Which database this is: SQLite's file, or PostgreSQL's database on its server (no credentials). */
async function databaseName(db: Db): Promise<string> {
  if (engineOf(db) === "sqlite") return db.$client.name; // sqlite-branch
  const result = (await (db as unknown as PgExecutor).execute(sql`select current_database() as name`)) as unknown as { rows: Array<{ name: string }> };
  return `PostgreSQL database ${result.rows[0]?.name ?? "?"}`;
}

export async function systemOverview(db: Db, consumers: readonly string[], now = new Date()): Promise<SystemOverview> {
  const { backups, signoffs } = tablesOf(db);
  const head = await firstRow(db.select({ id: signoffs.id, hash: signoffs.hash }).from(signoffs).orderBy(desc(signoffs.id)).limit(1));
  return {
    version: readVersion(),
    apiVersion: API_VERSION,
    buildId: readBuildId(),
    node: process.version,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    database: { file: await databaseName(db), bytes: await databaseSizeBytes(db) },
    lastBackup: (await firstRow(db.select().from(backups).orderBy(desc(backups.id)).limit(1))) ?? null,
    audit: {
      headId: head?.id ?? null,
      headHash: head?.hash ?? null,
      // Sign-offs are append-only (no deletes): the newest id is their count without a scan.
      signoffs: head?.id ?? 0,
      lastVerification: await latestAuditVerification(db),
    },
    outbox: [...(await eventConsumerStatus(db, consumers, now)), ...(await deliveryStatus(db, now))],
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
