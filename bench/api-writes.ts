/**
 * API write throughput: sign-offs per second through `POST /api/v1/claims/{id}/transitions` (a review
 * of a fresh draft each time: token, rate limit, body, idempotency, rules, versions, hash chain, the
 * claim read back) against the cheapest authenticated JSON route, `GET /api/v1/me`, in the same server
 * and run, at 1 and 4 clients.
 *
 *   npm run bench -- api-writes     (BENCH_SECONDS per measurement, BENCH_PORT, NEXT_DIST_DIR, BENCH_LOG=1)
 *
 * Target (issue #10): transitions reach at least 70% of the minimal route's requests per second.
 */
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { articles, users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { createToken } from "@/lib/tokens/tokens";
import { submitClaim } from "@/lib/workflow";
import { load } from "./lib/load";
import { startServerOnBuild } from "./lib/server";

const durationMs = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const port = Number(process.env.BENCH_PORT ?? 3217);
/** Drafts made up front: more than four clients can review in the measurement time. */
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 12_000);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function reviews(base: string, token: string, drafts: Array<{ id: number; citationId: number }>, connections: number) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const draft = drafts[next++];
        if (!draft) throw new Error(`Ran out of drafts after ${next - 1}; raise BENCH_DRAFTS`);
        const t0 = performance.now();
        const response = await fetch(`${base}/api/v1/claims/${draft.id}/transitions`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ action: "review", note: "Checked against the minutes", citationIds: [draft.citationId], expectedVersion: 1 }),
        });
        await response.arrayBuffer();
        if (response.status !== 200) errors += 1;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const seconds = (performance.now() - started) / 1000;
  drafts.splice(0, next);
  return { rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, requests: latencies.length };
}

async function main(): Promise<void> {
  const server = await startServerOnBuild({ port, distDir: process.env.NEXT_DIST_DIR ?? ".next-bench", log: process.env.BENCH_LOG === "1" });
  try {
    const db = openDatabase(server.databaseFile);
    const actor = (email: string): Actor => {
      const user = db.select().from(users).where(eq(users.email, email)).get()!;
      return { id: user.id, name: user.name, email: user.email, role: user.role };
    };
    const reporter = actor("reporter@factdesk.test");
    const editor = actor("editor@factdesk.test");
    const token = await createToken(db, editor.id, { name: "bench api-writes" });
    if (!token.ok) throw new Error(token.error.message);
    const article = db.select().from(articles).limit(1).get()!;
    const quote = article.body.slice(0, article.body.indexOf(".") + 1);
    const drafts: Array<{ id: number; citationId: number }> = [];
    db.$client.exec("BEGIN IMMEDIATE");
    for (let i = 0; i < DRAFTS; i++) {
      const claim = await submitClaim(db, reporter, {
        text: `Bench claim ${i}: ${quote.slice(0, 200)}`,
        articleId: article.id,
        citations: [{ kind: "origin", title: article.title, documentRef: `Article #${article.id}`, quote, articleId: article.id, quoteStart: 0, quoteEnd: quote.length }],
      });
      if (!claim.ok) throw new Error(claim.error.message);
      drafts.push({ id: claim.value.id, citationId: claim.value.citations[0].id });
    }
    db.$client.exec("COMMIT");
    db.$client.close();

    const base = server.baseUrl;
    const bearer = { Authorization: `Bearer ${token.value.token}` };
    console.log(`API writes against GET /api/v1/me, ${durationMs / 1000}s per measurement\n`);
    for (const connections of [1, 4]) {
      const me = await load(`${base}/api/v1/me`, { connections, durationMs, headers: bearer });
      const review = await reviews(base, token.value.token, drafts, connections);
      const label = `${connections} client${connections === 1 ? " " : "s"}`;
      console.log(`${label}  GET /me             ${me.rps.toFixed(0).padStart(6)} req/s   p50 ${me.p50.toFixed(2).padStart(7)} ms   p99 ${me.p99.toFixed(2).padStart(7)} ms   ${me.errors} errors`);
      console.log(
        `${label}  POST …/transitions  ${review.rps.toFixed(0).padStart(6)} req/s   p50 ${review.p50.toFixed(2).padStart(7)} ms   p99 ${review.p99.toFixed(2).padStart(7)} ms   ${review.errors} errors` +
          `   ${(review.rps / me.rps).toFixed(2)}× of GET /me (target ≥ 0.70)`,
      );
      if (review.errors > 0) throw new Error(`${review.errors} transitions failed`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
