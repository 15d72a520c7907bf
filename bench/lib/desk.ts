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
 * and migration count, so a schema change builds a fresh one and the queue and dashboard benches share it.
 */
export async function keptDesk(claimCount: number): Promise<string> {
  const migrations = readdirSync(migrationsFolder()).filter((name) => name.endsWith(".sql")).length;
  const file = path.join(os.tmpdir(), `factdesk-bench-queue-${claimCount}-m${migrations}.db`);
  if (existsSync(file)) {
    console.log(`Reusing the ${claimCount.toLocaleString("en")}-claim desk at ${file}.`);
    return file;
  }
  const building = `${file}.building`;
  for (const leftover of [building, `${building}-wal`, `${building}-shm`]) rmSync(leftover, { force: true });
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
