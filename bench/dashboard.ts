/**
 * The dashboard at newsroom scale: with BENCH_CLAIMS claims (default 100,000, about 300,000 sign-offs,
 * all made within minutes, so every period holds the whole history: the worst case), the dashboard
 * page against the claim page, and GET /api/v1/stats against GET /api/v1/claims/{id}, in the same
 * server and run, at 1 and at 4 clients. Ratios of medians (p50). Nothing is cached: every answer works
 * the figures out from the in-memory sign-off ledger (lib/stats/ledger.ts), which takes in the rows
 * written since its last read, so a busy desk costs what a quiet one does. Also printed: the first
 * answer in the process (the ledger reads every sign-off once) and the first after a change.
 *
 *   npm run bench -- dashboard     (BENCH_CLAIMS, BENCH_SECONDS per measurement, BENCH_PORT, NEXT_DIST_DIR, BENCH_LOG=1)
 *
 * Targets (issue #12): dashboard p50 ≤ 3× the claim page; GET /stats p50 ≤ 5× GET /claims/{id}.
 * The machine's load average is printed before and after: on a shared two-core machine the ratios
 * at 4 clients move with what else runs.
 */
import os from "node:os";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { claims, signoffs, users } from "@/db/schema";
import { createToken } from "@/lib/tokens/tokens";
import { keptDesk } from "./lib/desk";
import { measureRatios } from "./lib/ratios";
import { startServer } from "./lib/server";
import { signIn } from "./lib/session";

const claimCount = Number(process.env.BENCH_CLAIMS ?? 100_000);
const durationMs = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const port = Number(process.env.BENCH_PORT ?? 3217);

async function main(): Promise<void> {
  const databaseFile = await keptDesk(claimCount);
  const db = openDatabase(databaseFile);
  const editor = db.select().from(users).where(eq(users.email, "editor@factdesk.test")).get()!;
  const token = await createToken(db, editor.id, { name: `bench ${Date.now()}` });
  if (!token.ok) throw new Error(token.error.message);
  const middle = db.select({ id: claims.id }).from(claims).orderBy(sql`${claims.id}`).limit(1).offset(Math.floor(claimCount / 2)).get()!;
  const signoffCount = db.select({ n: sql<number>`count(*)` }).from(signoffs).get()!.n;
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);

  const server = await startServer({ port, databaseFile, distDir: process.env.NEXT_DIST_DIR ?? ".next-bench", log: process.env.BENCH_LOG === "1" });
  try {
    const base = server.baseUrl;
    const cookie = { Cookie: await signIn(base, editor.email) };
    const bearer = { Authorization: `Bearer ${token.value.token}` };

    const timed = async (label: string) => {
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/stats`, { headers: bearer });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET /stats: ${response.status}`);
      console.log(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
    };
    await timed("First GET /stats in the server process (the ledger reads every sign-off once)");
    // A change the figures are made of (an assignment), then the next answer: it takes in that row only.
    const claim = db.select({ version: claims.version }).from(claims).where(eq(claims.id, middle.id)).get()!;
    const assigned = await fetch(`${base}/api/v1/claims/${middle.id}/assign`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ assigneeId: editor.id, expectedVersion: claim.version }),
    });
    if (!assigned.ok) throw new Error(`assign: ${assigned.status}`);
    await timed("First GET /stats after a change (30 days = the whole desk)");
    db.$client.close();

    const pages: Array<[string, string]> = [
      ["dashboard (30 days)", "/dashboard"],
      ["dashboard (366 days)", `/dashboard?from=${yearAgo}&to=${today}`],
    ];
    const api: Array<[string, string]> = [
      ["GET /stats", "/api/v1/stats"],
      ["GET /stats (366 days)", `/api/v1/stats?from=${yearAgo}&to=${today}`],
    ];

    const load = () => os.loadavg().map((n) => n.toFixed(2)).join(", ");
    console.log(`\n${claimCount.toLocaleString("en")} claims, ${signoffCount.toLocaleString("en")} sign-offs; load ${load()} on ${os.cpus().length} cores; ${durationMs / 1000}s per measurement; ratios are p50 over the claim page / single-claim API p50 of the same client count.\n`);
    const worst = await measureRatios({ base, durationMs, claimId: middle.id, cookie, bearer, pages, api });
    console.log(`Load after: ${load()}.`);
    for (const connections of [1, 4]) {
      const pagesRatio = worst[`pages@${connections}`]!;
      const apiRatio = worst[`api@${connections}`]!;
      console.log(
        `${connections} client${connections === 1 ? ": " : "s:"} worst dashboard ${pagesRatio.toFixed(2)}× the claim page (target ≤ 3 ${pagesRatio <= 3 ? "✓" : "✗"}); ` +
          `worst GET /stats ${apiRatio.toFixed(2)}× GET /claims/{id} (target ≤ 5 ${apiRatio <= 5 ? "✓" : "✗"})`,
      );
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
