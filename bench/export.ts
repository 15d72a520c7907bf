/**
 * The queue's CSV export at newsroom scale: every claim of a BENCH_CLAIMS-claim desk (default 100,000,
 * ~280,000 sign-offs from demo:load) as CSV, read chunk after chunk as a client would, two ways:
 *  - in process, through claimsCsvStream (what /queue/export and GET /api/v1/claims with Accept:
 *    text/csv both return): the live heap (after a forced GC) sampled through the file, so a stream
 *    that holds the file shows a heap that grows;
 *  - over HTTP, GET /api/v1/claims with Accept: text/csv from `next start` on the same desk (when a
 *    production build is in NEXT_DIST_DIR, default .next-bench; BENCH_HTTP=0 skips it), with the
 *    server's resident memory (its process group) sampled while it streams.
 * Prints time, rows, bytes and memory (first / last / highest sample) against the target.
 *
 *   npm run bench -- export     (BENCH_CLAIMS; BENCH_DB=<file> to use a desk you have; NEXT_DIST_DIR, BENCH_PORT)
 *
 * Target (issue #12): all 100,000 claims in under 10 s with flat memory.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { claimsCsvStream } from "@/lib/export/claims-csv";
import { queueListArgs } from "@/lib/export/queue-list";
import { createToken } from "@/lib/tokens/tokens";
import { keptDesk } from "./lib/desk";
import { ROOT, startBuiltServer } from "./lib/server";

const claimCount = Number(process.env.BENCH_CLAIMS ?? 100_000);
const distDir = process.env.NEXT_DIST_DIR ?? ".next-bench";
const port = Number(process.env.BENCH_PORT ?? 3218);
const TARGET_SECONDS = 10;
/** "Flat": the last sample within this factor of the first (a stream holding the file would grow ~linearly with its 30 MB). */
const FLAT_FACTOR = 1.5;

// A forced GC, so heap samples are what the stream keeps alive rather than garbage not yet collected.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

/** A copy (the export must not change the kept desk) of BENCH_DB, else of the benches' kept desk, built when missing. */
async function desk(folder: string): Promise<{ db: Db; file: string }> {
  const kept = process.env.BENCH_DB ?? (await keptDesk(claimCount));
  const file = path.join(folder, "export.db");
  copyFileSync(kept, file);
  if (existsSync(`${kept}-wal`)) copyFileSync(`${kept}-wal`, `${file}-wal`);
  return { db: openDatabase(file), file };
}

interface Reading {
  rows: number;
  bytes: number;
  chunks: number;
  seconds: number;
  memory: number[];
}

/** Reads a CSV stream to its end, counting records (CRLF ends each; a quoted LF inside a claim would count too) and sampling memory every `every` chunks. */
async function readAll(stream: ReadableStream<Uint8Array>, sample: () => number, every: number): Promise<Omit<Reading, "seconds">> {
  const reader = stream.getReader();
  let bytes = 0;
  let rows = -1; // the header
  let chunks = 0;
  const memory = [sample()];
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    for (const byte of chunk.value) if (byte === 0x0a) rows++;
    chunks++;
    if (chunks % every === 0) memory.push(sample());
  }
  memory.push(sample());
  return { rows, bytes, chunks, memory };
}

function report(label: string, reading: Reading, memoryLabel: string): void {
  const { rows, bytes, chunks, seconds, memory } = reading;
  const first = memory[0]!;
  const last = memory.at(-1)!;
  const flat = last <= first * FLAT_FACTOR;
  console.log(
    `${label.padEnd(34)} ${rows.toLocaleString("en").padStart(8)} rows ${mb(bytes).padStart(6)}  ${seconds.toFixed(2).padStart(6)} s ` +
      `(${Math.round(rows / seconds).toLocaleString("en")} rows/s, ${chunks} chunks)  ${memoryLabel} ${mb(first)} → ${mb(last)}, max ${mb(Math.max(...memory))} (${memory.length} samples)  ` +
      `${seconds < TARGET_SECONDS ? "✓" : "✗"} ${(seconds / TARGET_SECONDS).toFixed(2)}× of the 10 s target; memory ${flat ? "✓ flat" : "✗ grows"}`,
  );
}

/** Resident memory of every process in the server's process group (next start and any worker it forks). */
function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // field 5: pgrp
      total += Number(fields[21]) * 4096; // field 24: rss in pages
    } catch {}
  }
  return total;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), "factdesk-bench-export-"));
  try {
    const { db, file } = await desk(folder);
    const editor = db.select().from(users).where(eq(users.email, "editor@factdesk.test")).get()!;
    console.log(`Load before: ${os.loadavg().map((n) => n.toFixed(2)).join(", ")} on ${os.cpus().length} cores.`);
    for (const [label, query] of [
      ["in process: every claim, oldest", {}],
      ["in process: drafts, newest first", { state: "draft", sort: "newest" }],
    ] as const) {
      const made = claimsCsvStream(db, queueListArgs({ id: editor.id, role: editor.role }, query, { scope: "queue" }), "https://desk.example");
      if (!made.ok) throw new Error(made.error.message);
      gc();
      const started = performance.now();
      const reading = await readAll(made.stream, () => (gc(), process.memoryUsage().heapUsed), 10);
      report(label, { ...reading, seconds: (performance.now() - started) / 1000 }, "live heap");
    }

    if (process.env.BENCH_HTTP === "0") return;
    if (!existsSync(path.join(ROOT, distDir, "BUILD_ID"))) {
      console.log(`No production build in ${distDir}: the HTTP export is not measured (npm run build with NEXT_DIST_DIR=${distDir}, or run the dashboard bench, which builds).`);
      return;
    }
    const token = await createToken(db, editor.id, { name: `bench export ${Date.now()}` });
    if (!token.ok) throw new Error(token.error.message);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();
    const server = await startBuiltServer({ port, databaseFile: file, distDir, log: process.env.BENCH_LOG === "1" });
    try {
      const headers = { Authorization: `Bearer ${token.value.token}`, Accept: "text/csv" };
      // One small answer first, so the route is compiled and the database open before the clock starts.
      await (await fetch(`${server.baseUrl}/api/v1/claims?limit=1`, { headers: { Authorization: headers.Authorization } })).arrayBuffer();
      // Several in a row: RSS rises to the heap's working size and then must stay there (a leak climbs with every export).
      const runs = Number(process.env.BENCH_HTTP_RUNS ?? 4);
      const rss: number[] = [];
      for (const [label, query] of Array.from({ length: runs }, (_, n) => [`HTTP GET /claims (text/csv), run ${n + 1}`, ""] as const)) {
        const started = performance.now();
        const response = await fetch(`${server.baseUrl}/api/v1/claims${query}`, { headers });
        if (!response.ok || !response.body) throw new Error(`GET /claims as CSV: ${response.status} ${await response.text()}`);
        const reading = await readAll(response.body, () => groupRss(server.pid), 50);
        report(label, { ...reading, seconds: (performance.now() - started) / 1000 }, "server RSS");
        rss.push(...reading.memory);
      }
      console.log(
        `Server RSS over ${runs} exports: ${mb(rss[0]!)} before the first, highest ${mb(Math.max(...rss))}, ${mb(rss.at(-1)!)} after the last ` +
          `(a stream holding the file would add its ${mb(30 * 1024 * 1024)} or more with every export and never fall back).`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    console.log(`Load after: ${os.loadavg().map((n) => n.toFixed(2)).join(", ")}.`);
    rmSync(folder, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
