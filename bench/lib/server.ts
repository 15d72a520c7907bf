import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface BenchServer {
  baseUrl: string;
  databaseFile: string;
  distDir: string;
  pid: number;
  stop: () => Promise<void>;
  /** `kill -9` of the whole server (its process group), as a crash would; resolves once it is gone. */
  crash: () => Promise<void>;
}

const serverEnv = (port: number, databaseFile: string, distDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  DATABASE_URL: databaseFile,
  PORT: String(port),
  HOSTNAME: "127.0.0.1",
  NEXT_DIST_DIR: distDir,
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: process.env.AUTH_SECRET ?? "factdesk-bench-secret-not-for-production-0123456789",
  FACTDESK_API_RATE_LIMIT: process.env.FACTDESK_API_RATE_LIMIT ?? "1000000",
  // The caller's own settings for this server win over the defaults above.
  ...extra,
});

function controls(child: ChildProcess): { exited: () => boolean; stop: () => Promise<void>; crash: () => Promise<void> } {
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  const signal = async (name: NodeJS.Signals, graceMs: number) => {
    if (exited || child.pid == null) return;
    try {
      process.kill(-child.pid, name);
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    }, graceMs);
    await exit;
    clearTimeout(timer);
  };
  return { exited: () => exited, stop: () => signal("SIGTERM", 5000), crash: () => signal("SIGKILL", 1000) };
}

async function waitUntilAnswering(baseUrl: string, pathname: string, exited: () => boolean, stop: () => Promise<void>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error("The server exited before it was ready; run with BENCH_LOG=1 to see why.");
    try {
      const response = await fetch(`${baseUrl}${pathname}`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`The server did not answer on ${baseUrl} within ${Math.round(limitMs / 1000)} s.`);
}

/**
 * `next start` alone on an existing database and build (no migrate, seed or build check): a restart
 * after a crash, quick and unaffected by sources edited since the build. `databaseFile` may be a
 * postgres:// URL (with `env: { FACTDESK_POSTGRES_PREVIEW: "1" }`).
 */
export async function startBuiltServer(options: { port: number; databaseFile: string; distDir: string; log?: boolean; env?: Record<string, string> }): Promise<BenchServer> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    detached: true,
    stdio: options.log ? "inherit" : ["ignore", "ignore", "inherit"],
    env: serverEnv(options.port, options.databaseFile, options.distDir, options.env),
  });
  const { exited, stop, crash } = controls(child);
  await waitUntilAnswering(baseUrl, "/api/v1/health", exited, stop, 120_000);
  return { baseUrl, databaseFile: options.databaseFile, distDir: options.distDir, pid: child.pid!, stop, crash };
}

/**
 * Starts the real `npm start` path (migrate, seed demo data, build when sources changed, `next start`)
 * on 127.0.0.1 with a throwaway database and its own build folder, and waits until it answers.
 */
export async function startServer(options: { port: number; distDir?: string; log?: boolean; databaseFile?: string }): Promise<BenchServer> {
  const databaseFile = options.databaseFile ?? path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-bench-")), "bench.db");
  const distDir = options.distDir ?? process.env.NEXT_DIST_DIR ?? ".next-bench";
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: options.log ? "inherit" : ["ignore", "ignore", "inherit"],
    env: serverEnv(options.port, databaseFile, distDir),
  });
  const { exited, stop, crash } = controls(child);
  // Building on a shared two-core machine can take minutes.
  await waitUntilAnswering(baseUrl, "/sign-in", exited, stop, 15 * 60_000);
  return { baseUrl, databaseFile, distDir, pid: child.pid!, stop, crash };
}

/**
 * The existing production build in `distDir` when there is one (`next start` on a fresh demo database
 * migrated and seeded here), else startServer (which builds). Long runs stay bounded while other
 * sources change; set REBUILD=1 to build from the current sources first.
 */
export async function startServerOnBuild(options: { port: number; distDir: string; log?: boolean }): Promise<BenchServer> {
  if (process.env.REBUILD === "1" || !existsSync(path.join(ROOT, options.distDir, "BUILD_ID"))) return startServer(options);
  const databaseFile = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-bench-")), "bench.db");
  const { openDatabase } = await import("@/db/client");
  const { seedDemo } = await import("@/lib/demo/seed");
  const db = openDatabase(databaseFile);
  await seedDemo(db);
  db.$client.close();
  return startBuiltServer({ port: options.port, databaseFile, distDir: options.distDir, log: options.log });
}
