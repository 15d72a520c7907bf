import Database from "better-sqlite3";
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrationsFolder, openDatabase } from "@/db/client";
import { progressBar } from "@/lib/cli/progress";
import { loadDemoDesk } from "@/lib/demo/load";
import { seedDemo } from "@/lib/demo/seed";

/**
 * The benches' desk at newsroom scale: the demo seed plus `claimCount` claims from demo:load (about
 * three sign-offs each), kept in the temp folder because building it takes minutes. One file per size
 * and migration count, so a schema change gives a fresh file and the queue, dashboard and export benches
 * share it. After a schema change the newest kept desk of the same size is copied and migrated (seconds)
 * instead of rebuilt (minutes): the migrations are what a real desk would go through too.
 */
export async function keptDesk(claimCount: number): Promise<string> {
  const migrations = readdirSync(migrationsFolder()).filter((name) => name.endsWith(".sql")).length;
  const file = deskFile(claimCount, migrations);
  if (existsSync(file)) {
    console.log(`Reusing the ${claimCount.toLocaleString("en")}-claim desk at ${file}.`);
    return file;
  }
  const building = `${file}.building`;
  for (const leftover of [building, `${building}-wal`, `${building}-shm`]) rmSync(leftover, { force: true });
  const older = olderDesk(claimCount, migrations);
  if (older !== null) {
    console.log(`Migrating the ${claimCount.toLocaleString("en")}-claim desk ${older} to ${migrations} migrations.`);
    const source = new Database(older, { readonly: true });
    source.prepare("VACUUM INTO ?").run(building);
    source.close();
    const db = openDatabase(building);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();
    renameSync(building, file);
    return file;
  }
  const db = openDatabase(building);
  await seedDemo(db);
  const progress = progressBar("demo:load", claimCount, "claims");
  const report = await loadDemoDesk(db, { claims: claimCount, onProgress: (done) => progress.update(done) });
  progress.finish(`Built ${report.claims.toLocaleString("en")} claims with ${report.signoffs.toLocaleString("en")} sign-offs in ${report.seconds.toFixed(0)} s.`);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  renameSync(building, file);
  return file;
}

function deskFile(claimCount: number, migrations: number): string {
  return path.join(os.tmpdir(), `factdesk-bench-queue-${claimCount}-m${migrations}.db`);
}

/** The kept desk of this size with the most migrations below `migrations`, or null. */
function olderDesk(claimCount: number, migrations: number): string | null {
  for (let level = migrations - 1; level > 0; level -= 1) {
    const candidate = deskFile(claimCount, level);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
