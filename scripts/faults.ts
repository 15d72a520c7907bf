/**
 * `npm run faults`: crash tests against the production build, on 127.0.0.1 only, bounded in count and
 * time (not part of `npm test`).
 *
 *  1. FAULTS_KILLS times (default 10): writers submit claims through the API (each a signed, chained
 *     sign-off) until the server is killed with `kill -9` at a random moment; then every acknowledged
 *     write must be in the database, `PRAGMA integrity_check` must pass and so must the audit chain.
 *  2. The database is grown past FAULTS_BACKUP_MB (default 100 MB) and `factdesk backup` runs while
 *     the writers keep going: it must finish, and its copy must hold every write acknowledged before it
 *     started and pass both checks.
 *
 * Prints its figures. FAULTS_PORT (default 3214), NEXT_DIST_DIR (default .next-perf), FAULTS_WRITERS
 * (default 4), FAULTS_DEADLINE_S (default 900: the whole run stops there, failing), REBUILD=1 to build
 * from the current sources first (otherwise an existing build in NEXT_DIST_DIR is used).
 */
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { eq } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { createToken } from "@/lib/tokens/tokens";
import { verifyAuditChain } from "@/lib/workflow/audit";
import { ROOT, startBuiltServer, startServerOnBuild, type BenchServer } from "../bench/lib/server";

const port = Number(process.env.FAULTS_PORT ?? 3214);
const distDir = process.env.NEXT_DIST_DIR ?? ".next-perf";
const kills = Math.max(10, Number(process.env.FAULTS_KILLS ?? 10));
const writers = Number(process.env.FAULTS_WRITERS ?? 4);
const backupMb = Number(process.env.FAULTS_BACKUP_MB ?? 100);
const deadline = Date.now() + Number(process.env.FAULTS_DEADLINE_S ?? 900) * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function checkDeadline(step: string): void {
  if (Date.now() > deadline) throw new Error(`Out of time (FAULTS_DEADLINE_S) during ${step}.`);
}

interface Acked {
  id: number;
  text: string;
}

/** Writers submitting claims back to back until stopped or the server dies; only 201s count as acknowledged. */
function writeLoad(baseUrl: string, token: string, tag: string) {
  if (!/^http:\/\/127\.0\.0\.1:/.test(baseUrl)) throw new Error(`Faults only run against 127.0.0.1, not ${baseUrl}`);
  const acked: Acked[] = [];
  let errors = 0;
  let running = true;
  let sequence = 0;
  const loops = Array.from({ length: writers }, async (_, w) => {
    while (running) {
      const text = `Fault test ${tag} writer ${w} write ${sequence++}: the ferry carried ${sequence} passengers.`;
      try {
        const response = await fetch(`${baseUrl}/api/v1/claims`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({
            text,
            note: "fault test",
            citations: [{ kind: "origin", title: "Harbour report", url: "https://example.com/harbour", quote: `carried ${sequence} passengers` }],
          }),
        });
        const body = (await response.json().catch(() => null)) as { id?: number } | null;
        if (response.status === 201 && typeof body?.id === "number") acked.push({ id: body.id, text });
        else errors += 1;
      } catch {
        errors += 1; // the server died mid-request: not acknowledged, may or may not be there
        if (running) await sleep(20);
      }
    }
  });
  return {
    acked,
    errors: () => errors,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

function openCopy(file: string): { sqlite: Database.Database; db: Db } {
  const sqlite = new Database(file, { fileMustExist: true });
  return { sqlite, db: drizzle(sqlite, { schema }) as unknown as Db };
}

/** Every acknowledged claim is there with its text; SQLite's integrity check and the audit chain pass. */
async function check(file: string, acked: readonly Acked[]): Promise<{ missing: number; integrity: string; audit: Awaited<ReturnType<typeof verifyAuditChain>> }> {
  const { sqlite, db } = openCopy(file);
  try {
    const texts = new Map<number, string>();
    const stmt = sqlite.prepare("SELECT id, text FROM claims WHERE id >= ?");
    const lowest = acked.reduce((min, a) => Math.min(min, a.id), Number.MAX_SAFE_INTEGER);
    for (const row of stmt.all(acked.length ? lowest : 0) as Array<{ id: number; text: string }>) texts.set(row.id, row.text);
    const missing = acked.filter((a) => texts.get(a.id) !== a.text).length;
    const integrity = String(sqlite.pragma("integrity_check", { simple: true }));
    return { missing, integrity, audit: await verifyAuditChain(db) };
  } finally {
    sqlite.close();
  }
}

async function apiToken(databaseFile: string): Promise<string> {
  const { sqlite, db } = openCopy(databaseFile);
  try {
    const reporter = db.select().from(users).where(eq(users.role, "reporter")).get();
    if (!reporter) throw new Error("The demo desk has no reporter");
    const token = await createToken(db, reporter.id, { name: `faults ${Date.now()}` });
    if (!token.ok) throw new Error(token.error.message);
    return token.value.token;
  } finally {
    sqlite.close();
  }
}

/** Long articles inserted directly (the audit chain is untouched) until the file is at least `mb` MB. */
function growDatabase(databaseFile: string, mb: number): number {
  const sqlite = new Database(databaseFile);
  try {
    sqlite.pragma("busy_timeout = 5000");
    const userId = (sqlite.prepare("SELECT id FROM users ORDER BY id LIMIT 1").get() as { id: number }).id;
    const insert = sqlite.prepare("INSERT INTO articles (title, body, content_hash, created_by_id) VALUES (?, ?, ?, ?)");
    let i = 0;
    while (statSync(databaseFile).size < mb * 1024 * 1024) {
      sqlite.transaction(() => {
        for (let k = 0; k < 20; k++, i++) {
          const body = `Archive article ${i}. `.repeat(25_000).slice(0, 480_000);
          insert.run(`Archive ${i}`, body, `faults-archive-${Date.now()}-${i}`, userId);
        }
      })();
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
    }
    return statSync(databaseFile).size;
  } finally {
    sqlite.close();
  }
}

/**
 * A second process writing straight to the database at FAULTS_RAW_WRITES per second (default 200),
 * one row per transaction, as a busy desk's other writers would, on top of the API writers.
 */
function rawWriter(databaseFile: string, perSecond: number) {
  const script = `
    const Database = require(${JSON.stringify(path.join(ROOT, "node_modules", "better-sqlite3"))});
    const db = new Database(${JSON.stringify(databaseFile)});
    db.pragma("busy_timeout = 5000");
    const userId = db.prepare("SELECT id FROM users ORDER BY id LIMIT 1").get().id;
    const insert = db.prepare("INSERT INTO articles (title, body, content_hash, created_by_id) VALUES (?, ?, ?, ?)");
    let n = 0;
    const started = Date.now();
    setInterval(() => {
      const due = Math.floor(((Date.now() - started) / 1000) * ${perSecond});
      while (n < due) { n++; insert.run("Raw " + n, "Raw write " + n + " " + "x".repeat(1000), "faults-raw-" + process.pid + "-" + n, userId); }
    }, 5);
    process.on("SIGTERM", () => { process.stdout.write(String(n)); process.exit(0); });
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        child.once("exit", () => resolve(Number(out) || 0));
        child.kill("SIGTERM");
      }),
  };
}

function runBackup(databaseFile: string, target: string): Promise<{ status: number | null; stdout: string; stderr: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "factdesk.mjs"), "backup", "--to", target], {
      env: { ...process.env, DATABASE_URL: databaseFile },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), Math.max(1000, Math.min(300_000, deadline - Date.now())));
    child.on("exit", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    });
  });
}

async function main(): Promise<number> {
  console.log(`Faults: ${kills} kill -9 rounds with ${writers} writers, then a backup under writes on a ${backupMb} MB database (127.0.0.1:${port}, ${distDir}).`);
  // A demo desk on the production build (built first when there is none; REBUILD=1 to rebuild).
  let server: BenchServer = await startServerOnBuild({ port, distDir, log: process.env.BENCH_LOG === "1" });
  const databaseFile = server.databaseFile;
  await server.stop();
  const token = await apiToken(databaseFile);
  let failures = 0;
  const allAcked: Acked[] = [];
  const rounds: string[] = [];

  for (let round = 1; round <= kills; round++) {
    checkDeadline(`round ${round}`);
    server = await startBuiltServer({ port, databaseFile, distDir });
    const load = writeLoad(server.baseUrl, token, `r${round}`);
    const runMs = 1500 + Math.floor(Math.random() * 2500);
    await sleep(runMs);
    await server.crash();
    await load.stop();
    allAcked.push(...load.acked);
    const result = await check(databaseFile, allAcked);
    const good = result.missing === 0 && result.integrity === "ok" && result.audit.ok;
    if (!good) failures += 1;
    rounds.push(
      `  round ${String(round).padStart(2)}: killed after ${(runMs / 1000).toFixed(1)} s, ${String(load.acked.length).padStart(4)} acknowledged (${load.errors()} cut off), ` +
        `missing ${result.missing} of ${allAcked.length}, integrity ${result.integrity}, audit ${result.audit.ok ? "ok" : `BROKEN: ${result.audit.reason}`} (${result.audit.count} sign-offs)`,
    );
    console.log(rounds[rounds.length - 1]);
  }

  checkDeadline("growing the database");
  const grownTo = growDatabase(databaseFile, backupMb);
  console.log(`Database grown to ${(grownTo / 1024 / 1024).toFixed(1)} MB.`);
  server = await startBuiltServer({ port, databaseFile, distDir });
  const load = writeLoad(server.baseUrl, token, "backup");
  const raw = rawWriter(databaseFile, Number(process.env.FAULTS_RAW_WRITES ?? 200));
  await sleep(2000); // writers at full speed before the backup starts
  const ackedBefore = [...allAcked, ...load.acked];
  const writesBefore = load.acked.length;
  const target = path.join(path.dirname(databaseFile), `backup-${Date.now()}.db`);
  const backup = await runBackup(databaseFile, target);
  const writesDuring = load.acked.length - writesBefore;
  const rawWrites = await raw.stop();
  await load.stop();
  await server.stop();
  allAcked.push(...load.acked);
  const copyCheck = backup.status === 0 ? await check(target, ackedBefore) : null;
  const backupOk = backup.status === 0 && copyCheck !== null && copyCheck.missing === 0 && copyCheck.integrity === "ok" && copyCheck.audit.ok;
  if (!backupOk) failures += 1;
  const final = await check(databaseFile, allAcked);
  if (final.missing !== 0 || final.integrity !== "ok" || !final.audit.ok) failures += 1;

  const progressLines = backup.stderr.split("\n").filter((line) => line.startsWith("Copying")).length;
  console.log(`\nFaults summary`);
  console.log(`  kill -9 rounds:            ${kills}, ${rounds.length - failures} clean`);
  console.log(`  acknowledged writes:       ${allAcked.length} (claims with their signed, chained submit sign-off), lost ${final.missing}`);
  console.log(`  integrity_check:           ${final.integrity}; audit chain: ${final.audit.ok ? "ok" : "BROKEN"} (${final.audit.count} sign-offs)`);
  console.log(
    `  backup under writes:       ${backup.status === 0 ? "finished" : `FAILED (exit ${backup.status})`} in ${backup.seconds.toFixed(1)} s on ${(grownTo / 1024 / 1024).toFixed(0)} MB, ` +
      `${writesDuring} API writes acknowledged meanwhile (${(writesDuring / backup.seconds).toFixed(0)}/s), ${progressLines} progress lines`,
  );
  console.log(`  direct writes:             ${rawWrites} rows by a second process over the whole backup phase (${((rawWrites / (backup.seconds + 2)) || 0).toFixed(0)}/s)`);
  if (copyCheck) {
    console.log(`  backup copy:               ${(statSync(target).size / 1024 / 1024).toFixed(1)} MB, integrity ${copyCheck.integrity}, audit ${copyCheck.audit.ok ? "ok" : "BROKEN"}, missing ${copyCheck.missing} of ${ackedBefore.length} writes acknowledged before it started`);
  } else {
    console.log(`  backup output:             ${backup.stdout.trim()} ${backup.stderr.trim().split("\n").slice(-2).join(" ")}`);
  }
  console.log(failures === 0 ? "\nAll faults checks passed." : `\n${failures} faults check(s) FAILED.`);
  return failures === 0 ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(`npm run faults failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
