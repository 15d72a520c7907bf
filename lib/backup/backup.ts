import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readdirSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { schema, type Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { fail, ok, type Result } from "@/lib/core/result";
import { verifyAuditChain } from "@/lib/workflow/audit";

/*
 * Backups of a SQLite desk file (npx factdesk backup): a SQLite file is copied by SQLite itself, so this
 * module opens the file with better-sqlite3 by design. A PostgreSQL desk is backed up with the server's
 * own tools (pg_dump); the CLI says so and never calls this there.
 */

export interface BackupProgress {
  /** Bytes written to the copy so far. */
  copiedBytes: number;
  /** The copy's expected size: the source's pages in use. */
  totalBytes: number;
}

export interface BackupReport {
  target: string;
  bytes: number;
  seconds: number;
  signoffs: number;
  headHash: string;
}

const TEMP_MARK = ".tmp-";

/** A copy in progress is `FILE.tmp-<pid>-<random>`: the pid says whether its writer is still running. */
function tempName(target: string): string {
  return `${target}${TEMP_MARK}${process.pid}-${randomBytes(4).toString("hex")}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Deletes copies of this target left by backups that died half-way (their process is gone). */
function removeStaleTemps(target: string): string[] {
  const dir = path.dirname(target);
  const prefix = `${path.basename(target)}${TEMP_MARK}`;
  const removed: string[] = [];
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && pid !== process.pid) continue;
    try {
      unlinkSync(path.join(dir, name));
      removed.push(name);
    } catch {}
  }
  return removed;
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {}
}

function fsyncPath(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function usedBytes(source: string): number {
  const db = new Database(source, { fileMustExist: true });
  try {
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const pages = db.pragma("page_count", { simple: true }) as number;
    const free = db.pragma("freelist_count", { simple: true }) as number;
    return (pages - free) * pageSize;
  } finally {
    db.close();
  }
}

function vacuumInto(source: string, temp: string, totalBytes: number, onProgress?: (progress: BackupProgress) => void): Promise<Result<void>> {
  return new Promise((resolve) => {
    const worker = new Worker(path.join(__dirname, "..", "workers", "vacuum-into.mjs"), { workerData: { source, target: temp } });
    const report = () => {
      const copiedBytes = existsSync(temp) ? statSync(temp).size : 0;
      onProgress?.({ copiedBytes: Math.min(copiedBytes, totalBytes), totalBytes });
    };
    const timer = onProgress ? setInterval(report, 500) : undefined;
    let settled = false;
    const settle = (result: Result<void>) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      resolve(result);
    };
    worker.on("message", (message: { ok: boolean; message?: string }) => {
      if (message.ok) report();
      settle(message.ok ? ok(undefined) : fail("invalid", `Copying the database failed: ${message.message}`));
    });
    worker.on("error", (error) => settle(fail("invalid", `Copying the database failed: ${error.message}`)));
    worker.on("exit", (code) => settle(code === 0 ? ok(undefined) : fail("invalid", `Copying the database stopped (exit ${code}).`)));
  });
}

/** The checks a copy must pass before it may take the backup's name: SQLite's own, then the audit chain. */
async function verifyCopy(file: string): Promise<Result<{ signoffs: number; headHash: string }>> {
  const sqlite = new Database(file, { fileMustExist: true, readonly: true });
  try {
    const integrity = sqlite.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return fail("invalid", `The copy failed SQLite's integrity check: ${String(integrity)}`);
    const report = await verifyAuditChain(drizzle(sqlite, { schema }) as unknown as Db);
    if (!report.ok) {
      return fail("invalid", `The copy failed the audit chain check at sign-off ${report.brokenId ?? "?"}: ${report.reason ?? "unknown"}`);
    }
    return ok({ signoffs: report.count, headHash: report.headHash });
  } finally {
    sqlite.close();
  }
}

/**
 * Backs up a live database to `target`: VACUUM INTO a temporary file beside it (one consistent
 * snapshot; it completes while writers carry on, where the page-by-page online backup restarted on
 * every write), then the copy must pass `PRAGMA integrity_check` and the audit chain check, and only
 * then takes the target's name (a hard link, which never replaces an existing file). A failed or
 * interrupted backup leaves nothing under the target's name, and its leftover never blocks the next.
 */
export async function backupDatabase(
  source: string,
  target: string,
  options: { onProgress?: (progress: BackupProgress) => void } = {},
): Promise<Result<BackupReport>> {
  const started = performance.now();
  const resolvedTarget = path.resolve(target);
  if (!existsSync(source)) return fail("not_found", `No database at ${source}.`);
  if (existsSync(resolvedTarget)) return fail("conflict", `${resolvedTarget} already exists; choose a new file name.`);
  if (!existsSync(path.dirname(resolvedTarget))) return fail("invalid", `The folder ${path.dirname(resolvedTarget)} does not exist.`);
  removeStaleTemps(resolvedTarget);

  const temp = tempName(resolvedTarget);
  try {
    const copied = await vacuumInto(source, temp, usedBytes(source), options.onProgress);
    if (!copied.ok) return copied;
    fsyncPath(temp);
    const verified = await verifyCopy(temp);
    if (!verified.ok) return verified;
    try {
      linkSync(temp, resolvedTarget);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return fail("conflict", `${resolvedTarget} already exists; choose a new file name.`);
      throw error;
    }
    fsyncPath(path.dirname(resolvedTarget));
    const report = {
      target: resolvedTarget,
      bytes: statSync(resolvedTarget).size,
      seconds: (performance.now() - started) / 1000,
      signoffs: verified.value.signoffs,
      headHash: verified.value.headHash,
    };
    await recordBackup(source, report);
    return ok(report);
  } finally {
    removeQuietly(temp);
  }
}

/**
 * Notes a finished backup in the database it copied (the System page shows the latest). The copy is
 * already safe under its name: failing to note it (a read-only source) is reported, not fatal.
 */
async function recordBackup(source: string, report: BackupReport): Promise<void> {
  try {
    const sqlite = new Database(source, { fileMustExist: true });
    try {
      sqlite.pragma("busy_timeout = 5000");
      const db = drizzle(sqlite, { schema }) as unknown as Db;
      const { backups } = tablesOf(db);
      await db.insert(backups).values({ finishedAt: new Date().toISOString(), target: report.target, bytes: report.bytes, signoffs: report.signoffs, headHash: report.headHash });
    } finally {
      sqlite.close();
    }
  } catch (error) {
    console.warn(`The backup is complete, but it could not be noted in the database: ${error instanceof Error ? error.message : String(error)}`);
  }
}
