/**
 * The queue at newsroom scale: with BENCH_CLAIMS claims (default 100,000, about 300,000 sign-offs,
 * built once by demo:load and kept in the temp folder for later runs), the queue page under every tab,
 * filter, search and page, and the list API, each against the single claim page and the single-claim
 * API in the same server and run, at 1 and at 4 clients. Ratios of medians (p50).
 *
 *   npm run bench -- queue     (BENCH_CLAIMS, BENCH_SECONDS per measurement, BENCH_PORT, NEXT_DIST_DIR, BENCH_LOG=1)
 *
 * Targets (issue #10): queue page p50 ≤ 1.5× the claim page; list API p50 ≤ 3× the single-claim API.
 */
import { desc, eq, sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { articles, claims, users } from "@/db/schema";
import { createToken } from "@/lib/tokens/tokens";
import { keptDesk } from "./lib/desk";
import { measureRatios } from "./lib/ratios";
import { startServer } from "./lib/server";
import { signIn } from "./lib/session";

const claimCount = Number(process.env.BENCH_CLAIMS ?? 100_000);
const durationMs = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const port = Number(process.env.BENCH_PORT ?? 3216);

async function main(): Promise<void> {
  const databaseFile = await keptDesk(claimCount);
  const db = openDatabase(databaseFile);
  const editor = db.select().from(users).where(eq(users.email, "editor@factdesk.test")).get()!;
  const token = await createToken(db, editor.id, { name: `bench ${Date.now()}` });
  if (!token.ok) throw new Error(token.error.message);
  const middle = db.select({ id: claims.id }).from(claims).orderBy(sql`${claims.id}`).limit(1).offset(Math.floor(claimCount / 2)).get()!;
  const article = db.select({ id: articles.id }).from(articles).orderBy(desc(articles.id)).limit(1).offset(10).get()!;
  db.$client.close();

  const server = await startServer({ port, databaseFile, distDir: process.env.NEXT_DIST_DIR ?? ".next-bench", log: process.env.BENCH_LOG === "1" });
  try {
    const base = server.baseUrl;
    const cookie = { Cookie: await signIn(base, editor.email) };
    const bearer = { Authorization: `Bearer ${token.value.token}` };
    const firstPage = (await (await fetch(`${base}/api/v1/claims?limit=50`, { headers: bearer })).json()) as { nextCursor: string };
    const cursor = encodeURIComponent(firstPage.nextCursor);

    const pages: Array<[string, string]> = [
      ["my work", "/"],
      ["queue: all", "/queue"],
      ["queue: reviewed tab", "/queue?state=reviewed"],
      ["queue: newest first", "/queue?sort=newest"],
      ["queue: one article", `/queue?articleId=${article.id}`],
      ["queue: verdict false", "/queue?verdict=false"],
      ["queue: search", "/queue?q=housing"],
      ["queue: I can act on", "/queue?actionable=1"],
      ["queue: second page", `/queue?cursor=${cursor}`],
    ];
    const api: Array<[string, string]> = [
      ["GET /claims?limit=50", "/api/v1/claims?limit=50"],
      ["GET /claims?state=draft", "/api/v1/claims?limit=50&state=draft"],
      ["GET /claims?q=", "/api/v1/claims?limit=50&q=housing"],
      ["GET /claims?actionable=1", "/api/v1/claims?limit=50&actionable=1"],
      ["GET /claims, second page", `/api/v1/claims?limit=50&cursor=${cursor}`],
    ];

    console.log(`\n${claimCount.toLocaleString("en")} claims; ${durationMs / 1000}s per measurement; ratios are p50 over the single-claim p50 of the same client count.\n`);
    const worst = await measureRatios({ base, durationMs, claimId: middle.id, cookie, bearer, pages, api });
    for (const connections of [1, 4]) {
      console.log(
        `${connections} client${connections === 1 ? ": " : "s:"} worst queue page ${worst[`pages@${connections}`].toFixed(2)}× the claim page (target ≤ 1.5); ` +
          `worst list API ${worst[`api@${connections}`].toFixed(2)}× the single-claim API (target ≤ 3)`,
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
