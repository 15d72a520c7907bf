/**
 * How close a cached public summary page comes to a static file, served by the same production
 * server: requests per second and p99 latency of `/summaries/{slug}` against a file from
 * `/_next/static`, printed as ratios. Also the dynamic list page and the live JSON, for context.
 *
 *   npm run bench -- summary-page     (BENCH_PORT, BENCH_SECONDS, BENCH_CONNECTIONS, NEXT_DIST_DIR, BENCH_LOG=1)
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { claims, summaries, users } from "@/db/schema";
import { publishSummary } from "@/lib/publish/publish";
import { formatRow, load } from "./lib/load";
import { ROOT, startServer } from "./lib/server";

const port = Number(process.env.BENCH_PORT ?? 3290);
const durationMs = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);

/** The static asset whose size is closest to `bytes`, so both sides move similar payloads. */
function staticFileNear(distDir: string, bytes: number): string {
  const dir = path.join(ROOT, distDir, "static", "chunks");
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".js") || name.endsWith(".css"))
    .map((name) => ({ name, size: statSync(path.join(dir, name)).size }));
  if (files.length === 0) throw new Error(`No static files in ${dir}`);
  files.sort((a, b) => Math.abs(a.size - bytes) - Math.abs(b.size - bytes));
  return `/_next/static/chunks/${files[0].name}`;
}

/** The demo desk's published fact-check; publishes one from a verified claim if the seed has none. */
function demoSummarySlug(databaseFile: string): string {
  const db = openDatabase(databaseFile);
  try {
    const existing = db.select({ slug: summaries.slug }).from(summaries).get();
    if (existing) return existing.slug;
    const editor = db.select().from(users).where(eq(users.email, "editor@factdesk.test")).get();
    const verified = db.select({ articleId: claims.articleId }).from(claims).where(eq(claims.state, "verified")).get();
    if (!editor || !verified?.articleId) throw new Error("The demo data has no editor or no verified claim to publish");
    const published = publishSummary(db, { id: editor.id, name: editor.name, email: editor.email, role: editor.role }, verified.articleId, {
      title: "Benchmark fact-check: what the reports got right",
      introduction: "A summary published for the benchmark, with the demo desk's verified claims, sources and sign-offs.",
    });
    if (!published.ok) throw new Error(published.error.message);
    return published.value.summary.slug;
  } finally {
    db.$client.close();
  }
}

async function main() {
  console.log(`Starting the production server on 127.0.0.1:${port} with a throwaway database (builds first if needed)…`);
  const server = await startServer({ port, log: process.env.BENCH_LOG === "1" });
  try {
    const page = `${server.baseUrl}/summaries/${demoSummarySlug(server.databaseFile)}`;

    const first = await fetch(page);
    const html = await first.text();
    if (!first.ok || !html.includes("application/ld+json")) throw new Error(`The summary page did not render (${first.status})`);
    const staticUrl = `${server.baseUrl}${staticFileNear(server.distDir, Buffer.byteLength(html))}`;

    console.log(`${connections} connections, ${durationMs / 1000}s each, after a warm-up; cache status of the page: ${first.headers.get("x-nextjs-cache") ?? "n/a"}\n`);
    const summary = await load(page, { connections, durationMs });
    const file = await load(staticUrl, { connections, durationMs });
    const list = await load(`${server.baseUrl}/summaries`, { connections, durationMs });
    console.log(formatRow("summary page (cached)", summary));
    console.log(formatRow("static file", file));
    console.log(formatRow("summary list (dynamic)", list));
    console.log(
      `\nsummary page / static file: throughput ${(summary.rps / file.rps).toFixed(2)}×, p99 latency ${(summary.p99 / file.p99).toFixed(2)}×` +
        ` (1.00× = as fast as a static file)`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
