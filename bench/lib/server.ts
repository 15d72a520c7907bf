import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface BenchServer {
  baseUrl: string;
  databaseFile: string;
  distDir: string;
  stop: () => Promise<void>;
}

/**
 * Starts the real `npm start` path (migrate, seed demo data, build when sources changed, `next start`)
 * on 127.0.0.1 with a throwaway database and its own build folder, and waits until it answers.
 */
export async function startServer(options: { port: number; distDir?: string; log?: boolean }): Promise<BenchServer> {
  const databaseFile = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-bench-")), "bench.db");
  const distDir = options.distDir ?? process.env.NEXT_DIST_DIR ?? ".next-bench";
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: options.log ? "inherit" : ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: databaseFile,
      PORT: String(options.port),
      HOSTNAME: "127.0.0.1",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "factdesk-bench-secret-not-for-production-0123456789",
    },
  });
  let exited = false;
  child.on("exit", () => (exited = true));
  const stop = async () => {
    if (exited || child.pid == null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {}
        resolve();
      }, 5000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };

  // Building on a shared two-core machine can take minutes.
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error("The server exited before it was ready; run with BENCH_LOG=1 to see why.");
    try {
      const response = await fetch(`${baseUrl}/sign-in`);
      if (response.ok) {
        await response.arrayBuffer();
        return { baseUrl, databaseFile, distDir, stop };
      }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`The server did not answer on ${baseUrl} within 15 minutes.`);
}
