import { readFileSync, statfsSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, type Db } from "@/db/client";
import { postgresMigrationsFolder, type PgExecutor } from "@/db/client-pg";
import { engineOf, tablesOf } from "@/db/tables";
import { refuse } from "@/lib/core/result";
import { sqlState, transact } from "@/lib/core/transaction";
import { deliveryStatus, eventConsumerStatus, type ConsumerStatus } from "./outbox";

/*
 * Readiness (GET /api/v1/ready): may this server take traffic? Unlike the liveness answer
 * (./health.ts) it checks what makes the desk work: the database takes writes and carries this
 * build's migrations, every outbox consumer has made progress recently (nothing it should have
 * handled has waited longer than FACTDESK_READY_STUCK_MINUTES, default 5), the delivery loop is
 * ticking, and the database's disk has room (FACTDESK_READY_MIN_FREE_MB, default 100). Each check is
 * a few indexed reads: a load balancer may ask every few seconds. It is public like /health, so the
 * details name what is wrong but no path, query or error text.
 */

export interface ReadyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Readiness {
  status: "ready" | "unready";
  time: string;
  checks: ReadyCheck[];
}

export interface ReadyOptions {
  /** The events outbox's consumers (APP_HANDLER_NAMES). */
  consumers: readonly string[];
  /** Whether email is configured: email and digest rows wait, on purpose, while it is not. */
  emailEnabled: boolean;
  /** When this process's delivery loop last ticked (lib/delivery/loop.ts); null when it runs none. */
  deliveryTickAt: number | null;
  now?: Date;
  stuckAfterMinutes?: number;
  minFreeBytes?: number;
  /** Free bytes on the disk holding `dir` (tests replace it). */
  freeBytes?: (dir: string) => number;
  migrations?: string;
}

export function readyConfig(env: Record<string, string | undefined> = process.env): { stuckAfterMinutes: number; minFreeBytes: number } {
  const minutes = Number(env.FACTDESK_READY_STUCK_MINUTES);
  const megabytes = Number(env.FACTDESK_READY_MIN_FREE_MB);
  return {
    stuckAfterMinutes: Number.isFinite(minutes) && minutes > 0 ? minutes : 5,
    minFreeBytes: (Number.isFinite(megabytes) && megabytes >= 0 && env.FACTDESK_READY_MIN_FREE_MB?.trim() ? megabytes : 100) * 1024 * 1024,
  };
}

function diskFree(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

export async function checkReady(db: Db, options: ReadyOptions): Promise<Readiness> {
  const now = options.now ?? new Date();
  const defaults = readyConfig();
  const stuckAfterMinutes = options.stuckAfterMinutes ?? defaults.stuckAfterMinutes;
  const minFreeBytes = options.minFreeBytes ?? defaults.minFreeBytes;
  const postgres = engineOf(db) === "postgres";
  const checks: ReadyCheck[] = [
    await guarded("database", () => writable(db)),
    await guarded("migrations", () => migrationsCurrent(db, options.migrations ?? (postgres ? postgresMigrationsFolder() : migrationsFolder()))),
    ...(await guardedMany("outbox", () => consumers(db, options, now, stuckAfterMinutes))),
    deliveryLoop(options.deliveryTickAt, now, stuckAfterMinutes),
    await guarded("disk", () => disk(db, options.freeBytes ?? diskFree, minFreeBytes)),
  ];
  return { status: checks.every((check) => check.ok) ? "ready" : "unready", time: now.toISOString(), checks };
}

async function guarded(name: string, check: () => Omit<ReadyCheck, "name"> | Promise<Omit<ReadyCheck, "name">>): Promise<ReadyCheck> {
  try {
    return { name, ...(await check()) };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

async function guardedMany(name: string, check: () => Promise<ReadyCheck[]>): Promise<ReadyCheck[]> {
  try {
    return await check();
  } catch (error) {
    return [{ name, ok: false, detail: error instanceof Error ? error.message : String(error) }];
  }
}

/**
 * A write in a transaction that is rolled back (the probe refuses at the end, so nothing stays): SQLite
 * says SQLITE_READONLY (or BUSY) when it could not commit one, PostgreSQL 25006 on a read-only server.
 */
async function writable(db: Db): Promise<Omit<ReadyCheck, "name">> {
  const { eventConsumers } = tablesOf(db);
  try {
    const probed = await transact(db, async (tx) => {
      await tx.insert(eventConsumers).values({ name: "~ready-probe", lastEventId: 0, updatedAt: "" });
      refuse("conflict", "the readiness probe's write, rolled back");
    });
    if (probed.ok) throw new Error("the probe's write was not rolled back");
  } catch (error) {
    const code = (error as { code?: string }).code ?? sqlState(error);
    return { ok: false, detail: `The database does not take writes (${code ?? "error"}: ${error instanceof Error ? error.message : String(error)})` };
  }
  return { ok: true, detail: "Takes writes" };
}

/** The newest migration the database records having applied (drizzle's bookkeeping table; PostgreSQL keeps it in the "drizzle" schema). */
async function appliedMigrationAt(db: Db): Promise<number> {
  if (engineOf(db) === "postgres") {
    const result = (await (db as unknown as PgExecutor).execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`)) as unknown as { rows: Array<{ at: string | null }> };
    return Number(result.rows[0]?.at ?? 0);
  }
  const applied = db.get<{ at: number | null }>(sql`select max(created_at) as at from __drizzle_migrations`); // sqlite-branch
  return Number(applied?.at ?? 0);
}

async function migrationsCurrent(db: Db, folder: string): Promise<Omit<ReadyCheck, "name">> {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: Array<{ when: number; tag: string }> };
  const latest = journal.entries.at(-1);
  const appliedAt = await appliedMigrationAt(db);
  if (!latest) return { ok: true, detail: "No migrations" };
  if (appliedAt < latest.when) {
    const pending = journal.entries.filter((entry) => entry.when > appliedAt).length;
    return { ok: false, detail: `${pending} migration(s) not applied, up to ${latest.tag}` };
  }
  if (appliedAt > latest.when) return { ok: false, detail: "The database carries migrations newer than this build; deploy the newer build" };
  return { ok: true, detail: `Current (${latest.tag})` };
}

async function consumers(db: Db, options: ReadyOptions, now: Date, stuckAfterMinutes: number): Promise<ReadyCheck[]> {
  const waiting = (status: ConsumerStatus) => `${status.capped ? "over " : ""}${status.backlog} waiting, oldest ${Math.round(status.oldestAgeSeconds)} s`;
  const statuses = [
    ...(await eventConsumerStatus(db, options.consumers, now)),
    ...(await deliveryStatus(db, now)).filter((status) => options.emailEnabled || status.consumer === "deliveries:webhook"),
  ];
  return statuses.map((status) => {
    const stuck = status.oldestAgeSeconds > stuckAfterMinutes * 60;
    const detail = stuck
      ? `Stuck: ${waiting(status)} (more than ${stuckAfterMinutes} min)${status.lastError ? "; its last attempt failed (see the System page or the log)" : ""}`
      : status.backlog === 0
        ? "Up to date"
        : waiting(status);
    return { name: `outbox ${status.consumer}`, ok: !stuck, detail };
  });
}

function deliveryLoop(tickAt: number | null, now: Date, stuckAfterMinutes: number): ReadyCheck {
  if (tickAt === null) return { name: "delivery loop", ok: true, detail: "Not run by this process" };
  const seconds = (now.getTime() - tickAt) / 1000;
  return seconds > stuckAfterMinutes * 60
    ? { name: "delivery loop", ok: false, detail: `No tick for ${Math.round(seconds)} s: a delivery pass is hanging` }
    : { name: "delivery loop", ok: true, detail: `Last tick ${Math.round(seconds)} s ago` };
}

function disk(db: Db, freeBytes: (dir: string) => number, minFreeBytes: number): Omit<ReadyCheck, "name"> {
  // PostgreSQL's files are on its server, which watches its own disk.
  if (engineOf(db) === "postgres") return { ok: true, detail: "On the PostgreSQL server (not checked from here)" };
  const file = db.$client.name; // sqlite-branch
  const dir = file && file !== ":memory:" ? path.dirname(path.resolve(file)) : process.cwd();
  const free = freeBytes(dir);
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  return free < minFreeBytes
    ? { ok: false, detail: `Only ${mb(free)} free on the database's disk; at least ${mb(minFreeBytes)} needed` }
    : { ok: true, detail: `${mb(free)} free` };
}
