/**
 * `npm start`: prepares everything a fresh checkout needs, then serves the production build.
 * Auth secret (generated once), database and migrations, demo data on an empty desk, a build when
 * there is none; no environment variables required.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { closeAppDatabase, openAppDatabase } from "@/db/client";
import { databaseEngine, redactDatabaseUrl } from "@/lib/core/engine";
import { resolveDatabasePath } from "@/db/path";
import { isEmpty, seedDemo } from "@/lib/demo/seed";
import { ensureAuthSecret } from "@/lib/auth/secret";
import { configuredPublicUrl } from "@/lib/publish/config";
import { nextStartArgs } from "./start-args";

const root = path.resolve(__dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

async function prepareDatabase(): Promise<void> {
  const where = databaseEngine() === "postgres" ? redactDatabaseUrl(process.env.DATABASE_URL!.trim()) : resolveDatabasePath();
  const db = await openAppDatabase();
  try {
    const empty = await isEmpty(db);
    if (empty && databaseEngine() === "postgres") {
      // A server database is a real desk's: no demo people or articles there (and the demo's
      // fact-check archive is not on PostgreSQL yet). Its first admin comes from the CLI.
      console.log(`\nFactdesk: new database at ${where}, without demo data. Create the first admin:`);
      console.log("  npx factdesk user:create --email you@newsroom.example --name 'Your Name' --role admin --password '…'\n");
    } else if (empty) {
      const logins = await seedDemo(db);
      console.log(`\nFactdesk: new database at ${where}, seeded with demo data. Demo logins:`);
      for (const login of logins) console.log(`  ${login.role.padEnd(8)} ${login.email.padEnd(26)} password: ${login.password}`);
      console.log("");
    } else {
      console.log(`Factdesk: using database ${where}`);
    }
  } finally {
    await closeAppDatabase();
  }
}

const BUILD_INPUTS = ["app", "lib", "db", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "next.config.js", "postcss.config.mjs", "package.json", "tsconfig.json"];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds when there is no production build, or when a source file is newer than the build. */
function ensureBuild(): void {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (existsSync(buildId)) {
    const builtAt = statSync(buildId).mtimeMs;
    if (BUILD_INPUTS.every((input) => newestMtime(path.join(root, input)) <= builtAt)) return;
    console.log("Factdesk: sources changed since the last build, rebuilding…");
  } else {
    console.log("Factdesk: no production build yet, building (this takes a minute or two)…");
  }
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: process.env });
  if (build.status !== 0) {
    console.error("Factdesk: the build failed; see the output above.");
    process.exit(build.status ?? 1);
  }
}

/** Public pages carry absolute links (canonical, JSON-LD, feed); say where they point when nobody chose. */
function notePublicUrl(port: string): void {
  const raw = process.env.FACTDESK_PUBLIC_URL?.trim();
  if (raw && !configuredPublicUrl()) {
    console.warn(`Factdesk: FACTDESK_PUBLIC_URL=${raw} is not an http(s) address; public links fall back to http://localhost:${port}.`);
  } else if (!raw) {
    console.log(`Factdesk: public links (canonical URLs, ClaimReview JSON-LD, the feed) use http://localhost:${port}; set FACTDESK_PUBLIC_URL for a real site.`);
  }
}

async function main(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  ensureAuthSecret();
  await prepareDatabase();
  ensureBuild();
  const port = process.env.PORT || "3000";
  // With several app servers on one PostgreSQL each keeps its own cursors for its own pages and
  // streams (lib/events/dispatch.ts serverId): this host and port, unless the operator names it.
  process.env.FACTDESK_SERVER_ID ||= `${hostname()}:${port}`;
  notePublicUrl(port);
  const args = [nextBin, ...nextStartArgs(process.env)];
  const server = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error) => {
  console.error(`Factdesk could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
