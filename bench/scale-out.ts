/**
 * Scale-out (issue #17, item 8): the core figures (the queue page, the list API, API writes) on
 * SQLite, on PostgreSQL with one app server, and on PostgreSQL with two app servers sharing the
 * load, in one run on one production build, so the ratios compare like with like.
 *
 *   npm run bench -- scale-out   (BENCH_SECONDS per measurement, default 4; BENCH_DIST_DIR or NEXT_DIST_DIR: the build;
 *                                 BENCH_PG_URL / FACTDESK_TEST_PG_URL: a PostgreSQL server, else a throwaway cluster is started)
 *
 * Every desk gets the same arrangement through the same domain functions (users, an article, drafts
 * with their origin citations), so the engines serve the same rows. Each measurement offers the same
 * load (CLIENTS concurrent clients); with two servers the clients are split between them, as a load
 * balancer would. On this 2-core machine the two servers and the database share the same cores, so
 * two servers cannot be faster here than one; the figure shows what the second server costs and that
 * nothing breaks (errors stay 0), not the speed-up more machines would give (README, Scale-out).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { createArticle } from "@/lib/articles/articles";
import type { Actor } from "@/lib/core/actor";
import { DEMO_PASSWORD } from "@/lib/demo/seed-data";
import { createToken } from "@/lib/tokens/tokens";
import { createUser } from "@/lib/users/users";
import { submitClaim } from "@/lib/workflow";
import { load, type LoadResult } from "./lib/load";
import { ROOT, startBuiltServer, type BenchServer } from "./lib/server";
import { signIn } from "./lib/session";

const durationMs = Number(process.env.BENCH_SECONDS ?? 4) * 1000;
const basePort = Number(process.env.BENCH_PORT ?? 3231);
const distDir = process.env.BENCH_DIST_DIR ?? process.env.NEXT_DIST_DIR ?? ".next";
const CLIENTS = 4;
/** Drafts for the writes (each review takes one) plus the rows the list and the queue page through. */
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 3000);

interface Desk {
  token: string;
  editorEmail: string;
  drafts: Array<{ id: number; citationId: number }>;
}

/** The same desk on any engine, through the domain (engine-neutral) functions. */
async function arrange(db: Db): Promise<Desk> {
  const person = async (role: "reporter" | "editor", email: string): Promise<Actor> => {
    const created = await createUser(db, null, { email, name: `Bench ${role}`, role, password: DEMO_PASSWORD });
    if (!created.ok) throw new Error(created.error.message);
    return { id: created.value.id, name: created.value.name, email: created.value.email, role: created.value.role };
  };
  const reporter = await person("reporter", "scale.reporter@factdesk.test");
  const editor = await person("editor", "scale.editor@factdesk.test");
  const body = "The council spent 4.2 million on the bridge in 2023. Turnout was 61 percent, the highest since 1998.";
  const article = await createArticle(db, reporter, { title: "Council budget", body });
  if (!article.ok) throw new Error(article.error.message);
  const quote = "The council spent 4.2 million on the bridge in 2023.";
  const drafts: Desk["drafts"] = [];
  for (let i = 0; i < DRAFTS; i++) {
    const claim = await submitClaim(db, reporter, {
      text: `The council spent ${i} thousand on bridge repairs in 2023.`,
      articleId: article.value.id,
      citations: [{ kind: "origin", url: "https://example.test/council", title: "Council budget", publisher: "Example", quote, quoteStart: 0, quoteEnd: quote.length, articleId: article.value.id }],
    });
    if (!claim.ok) throw new Error(claim.error.message);
    drafts.push({ id: claim.value.id, citationId: claim.value.citations[0]!.id });
  }
  const token = await createToken(db, editor.id, { name: "scale-out bench" });
  if (!token.ok) throw new Error(token.error.message);
  return { token: token.value.token, editorEmail: editor.email, drafts };
}

/** `count` concurrent reviews over the API, taking drafts from the shared list, spread over `servers`. */
async function reviews(servers: readonly BenchServer[], desk: Desk): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const base = servers[client % servers.length]!.baseUrl;
      while (performance.now() < deadline) {
        const draft = desk.drafts.shift();
        if (!draft) throw new Error("Ran out of drafts; raise BENCH_DRAFTS");
        const t0 = performance.now();
        const response = await fetch(`${base}/api/v1/claims/${draft.id}/transitions`, {
          method: "POST",
          headers: { Authorization: `Bearer ${desk.token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ action: "review", note: "Checked against the minutes", citationIds: [draft.citationId], expectedVersion: 1 }),
        });
        await response.arrayBuffer();
        if (response.status !== 200) errors += 1;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}

function summarise(latencies: number[], errors: number, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? NaN;
  return { url: "", requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: at(50), p99: at(99), bytes: 0 };
}

/** The same GET from CLIENTS clients split over the servers, measured together. */
async function reads(servers: readonly BenchServer[], pathname: string, headersOf: (server: BenchServer) => Record<string, string>): Promise<LoadResult> {
  const share = CLIENTS / servers.length;
  const results = await Promise.all(servers.map((server) => load(`${server.baseUrl}${pathname}`, { connections: share, durationMs, headers: headersOf(server) })));
  // Latencies are per server: the median of the medians, weighted alike (equal shares of the clients).
  const p50s = results.map((result) => result.p50).sort((a, b) => a - b);
  return {
    url: pathname,
    requests: results.reduce((sum, result) => sum + result.requests, 0),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    seconds: Math.max(...results.map((result) => result.seconds)),
    rps: results.reduce((sum, result) => sum + result.rps, 0),
    p50: p50s[Math.floor((p50s.length - 1) / 2)]!,
    p99: Math.max(...results.map((result) => result.p99)),
    bytes: results[0]!.bytes,
  };
}

interface Figures {
  queue: LoadResult;
  list: LoadResult;
  writes: LoadResult;
}

async function measure(label: string, servers: readonly BenchServer[], desk: Desk): Promise<Figures> {
  const cookies = new Map<BenchServer, string>();
  for (const server of servers) cookies.set(server, await signIn(server.baseUrl, desk.editorEmail));
  const bearer = { Authorization: `Bearer ${desk.token}` };
  const queue = await reads(servers, "/queue", (server) => ({ cookie: cookies.get(server)! }));
  const list = await reads(servers, "/api/v1/claims?limit=50", () => bearer);
  const writes = await reviews(servers, desk);
  const row = (what: string, result: LoadResult) =>
    console.log(`${label.padEnd(26)} ${what.padEnd(24)} ${result.rps.toFixed(0).padStart(6)} req/s   p50 ${result.p50.toFixed(2).padStart(7)} ms   p99 ${result.p99.toFixed(2).padStart(8)} ms   ${result.errors} errors`);
  row("GET /queue", queue);
  row("GET /api/v1/claims", list);
  row("POST …/transitions", writes);
  if (queue.errors + list.errors + writes.errors > 0) throw new Error(`${label}: requests failed`);
  return { queue, list, writes };
}

/** A PostgreSQL server: BENCH_PG_URL or FACTDESK_TEST_PG_URL, else a throwaway cluster of scripts/pg-cluster.sh. */
function postgresServer(): { url: string; stop(): void } {
  const given = process.env.BENCH_PG_URL?.trim() || process.env.FACTDESK_TEST_PG_URL?.trim();
  if (given) return { url: given, stop() {} };
  const started = spawnSync("bash", [path.join(ROOT, "scripts", "pg-cluster.sh"), "start"], { encoding: "utf8" });
  if (started.status !== 0) throw new Error(`Could not start a PostgreSQL cluster: ${started.stderr}`);
  const url = /FACTDESK_TEST_PG_URL=(\S+)/.exec(started.stdout)?.[1]?.replace(/^['"]|['"]$/g, "");
  const dir = /FACTDESK_PG_CLUSTER=(\S+)/.exec(started.stdout)?.[1]?.replace(/^['"]|['"]$/g, "");
  if (!url || !dir) throw new Error(`pg-cluster.sh start printed no URL: ${started.stdout}`);
  return { url, stop: () => void spawnSync("bash", [path.join(ROOT, "scripts", "pg-cluster.sh"), "stop", dir], { stdio: "inherit" }) };
}

async function main() {
  if (!existsSync(path.resolve(ROOT, distDir, "BUILD_ID"))) {
    console.log(`scale-out: skipped (no production build in ${distDir}; build one or set BENCH_DIST_DIR)`);
    return;
  }
  console.log(`Scale-out: ${CLIENTS} clients, ${durationMs / 1000} s per measurement, ${DRAFTS.toLocaleString("en")} drafts per desk, build ${distDir}\n`);
  const started: BenchServer[] = [];
  const pgServer = postgresServer();
  try {
    // SQLite: the embedded default.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-scale-")), "desk.db");
    const { openDatabase } = await import("@/db/client");
    const sqlite = openDatabase(file);
    const sqliteDesk = await arrange(sqlite);
    sqlite.$client.close();
    const single = await startBuiltServer({ port: basePort, databaseFile: file, distDir });
    started.push(single);
    const onSqlite = await measure("SQLite, 1 server", [single], sqliteDesk);
    await single.stop();

    // PostgreSQL: one database of its own on the server, one app server, then two.
    const { scratchDatabase } = await import("@/lib/testing/pg-scratch");
    const scratch = await scratchDatabase("factdesk_scale", pgServer.url);
    try {
      const { openPostgres } = await import("@/db/client-pg");
      const pool = await openPostgres(scratch.url, { max: 4 });
      const pgDesk = await arrange(pool as unknown as Db);
      await pool.$client.end();
      const env = { FACTDESK_POSTGRES_PREVIEW: "1" };
      const a = await startBuiltServer({ port: basePort + 1, databaseFile: scratch.url, distDir, env: { ...env, FACTDESK_SERVER_ID: "bench-a" } });
      started.push(a);
      const onPostgres = await measure("PostgreSQL, 1 server", [a], pgDesk);
      const b = await startBuiltServer({ port: basePort + 2, databaseFile: scratch.url, distDir, env: { ...env, FACTDESK_SERVER_ID: "bench-b" } });
      started.push(b);
      const onTwo = await measure("PostgreSQL, 2 servers", [a, b], pgDesk);

      const ratio = (x: LoadResult, y: LoadResult) => (x.rps / y.rps).toFixed(2);
      console.log("\nThroughput ratios (req/s, same run):");
      for (const what of ["queue", "list", "writes"] as const) {
        console.log(
          `  ${what.padEnd(7)} PostgreSQL/SQLite ${ratio(onPostgres[what], onSqlite[what])}×   two servers/one (PostgreSQL) ${ratio(onTwo[what], onPostgres[what])}×   ` +
            `p50 PostgreSQL/SQLite ${(onPostgres[what].p50 / onSqlite[what].p50).toFixed(2)}×`,
        );
      }
    } finally {
      // The servers first: their pools and LISTEN connections would otherwise see the database vanish.
      await Promise.all(started.map((server) => server.stop()));
      await scratch.drop();
    }
  } finally {
    await Promise.all(started.map((server) => server.stop()));
    pgServer.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
