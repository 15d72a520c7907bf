/**
 * The queue's CSV export at newsroom scale: every claim of a BENCH_CLAIMS-claim desk (default 100,000,
 * ~300,000 sign-offs) streamed through claimsCsvStream, as /queue/export and GET /api/v1/claims with
 * Accept: text/csv do, reading chunk after chunk as a client would. Prints the time, rows, bytes and
 * memory: the heap sampled after every chunk, so a stream that holds the file shows a heap that grows.
 *
 *   npm run bench -- export     (BENCH_CLAIMS; BENCH_DB=<file> to use a desk you have)
 *
 * Target (issue #12): all 100,000 claims in under 10 s with flat memory.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { claimsCsvStream } from "@/lib/export/claims-csv";
import { queueListArgs } from "@/lib/export/queue-list";
import { keptDesk } from "./lib/desk";

const claimCount = Number(process.env.BENCH_CLAIMS ?? 100_000);

/** A copy (the export must not change the kept desk) of BENCH_DB, else of the benches' kept desk, built when missing. */
async function desk(folder: string): Promise<Db> {
  const kept = process.env.BENCH_DB ?? (await keptDesk(claimCount));
  const file = path.join(folder, "export.db");
  copyFileSync(kept, file);
  if (existsSync(`${kept}-wal`)) copyFileSync(`${kept}-wal`, `${file}-wal`);
  return openDatabase(file);
}

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), "factdesk-bench-export-"));
  try {
    const db = await desk(folder);
    const editor = db.select().from(users).where(eq(users.email, "editor@factdesk.test")).get()!;
    for (const [label, query] of [
      ["every claim, oldest first", {}],
      ["drafts, newest first", { state: "draft", sort: "newest" }],
    ] as const) {
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const made = claimsCsvStream(db, queueListArgs({ id: editor.id, role: editor.role }, query, { scope: "queue" }), "https://desk.example");
      if (!made.ok) throw new Error(made.error.message);
      const reader = made.stream.getReader();
      let bytes = 0;
      let rows = -1; // the header
      let chunks = 0;
      let heapMax = heapBefore;
      const heaps: number[] = [];
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        bytes += chunk.value.byteLength;
        for (const byte of chunk.value) if (byte === 0x0a) rows++; // CRLF ends each record (a quoted LF inside a claim would count too)
        chunks++;
        const heap = process.memoryUsage().heapUsed;
        heapMax = Math.max(heapMax, heap);
        if (chunks % 20 === 0) heaps.push(heap);
      }
      const seconds = (performance.now() - started) / 1000;
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
      const firstHalf = heaps.slice(0, Math.ceil(heaps.length / 2));
      const secondHalf = heaps.slice(Math.ceil(heaps.length / 2));
      const avg = (list: number[]) => list.reduce((sum, n) => sum + n, 0) / Math.max(1, list.length);
      console.log(
        `${label.padEnd(28)} ${rows.toLocaleString("en").padStart(8)} rows  ${mb(bytes).padStart(7)}  ${seconds.toFixed(2)} s  ` +
          `(${Math.round(rows / seconds).toLocaleString("en")} rows/s, ${chunks} chunks)  heap ${mb(heapBefore)} → max ${mb(heapMax)}; ` +
          `mean heap 1st half ${mb(avg(firstHalf))}, 2nd half ${mb(avg(secondHalf))}  ${seconds < 10 ? "✓ < 10 s" : "✗ ≥ 10 s"}`,
      );
    }
    db.$client.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
