/**
 * `npm run bench`: runs every benchmark in bench/ (each top-level *.ts file other than this one),
 * one after another, each in its own process. Add a benchmark by adding a file; shared helpers go in
 * bench/lib/. Benchmarks print their own results (ratios measured in one run) and are never part of
 * the test suite. `npm run bench -- summary-page` runs only the files whose name contains the word.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const benchDir = __dirname;
const root = path.resolve(benchDir, "..");
const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith(".ts") && name !== "run.ts" && !name.endsWith(".d.ts"))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark matches ${filters.join(", ") || "(any)"} in bench/.`);
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  console.log(`\n=== bench/${file} ===`);
  const run = spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(benchDir, file)], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
  });
  if (run.status !== 0) {
    failed += 1;
    console.error(`bench/${file} failed (exit ${run.status ?? run.signal}).`);
  }
}
process.exit(failed > 0 ? 1 : 0);
