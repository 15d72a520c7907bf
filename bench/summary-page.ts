/**
 * How close the cached public answers come to a static file, served by the same production server
 * in the same run (issue #15: >= 0.9x at one client, >= 0.7x at four): requests per second of the
 * index, a summary, a version, the feed, the embed card and the share image, each against a file
 * from `/_next/static` of about the summary page's size, at 1 and at 4 clients. Prints one row per
 * answer with its throughput ratio, and the worst ratio per client count.
 *
 *   npm run bench -- summary-page     (BENCH_PORT, BENCH_SECONDS, NEXT_DIST_DIR, BENCH_LOG=1)
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { claims, summaries, users } from "@/db/schema";
import { publishSummary } from "@/lib/publish/publish";
import { formatRow, load, type LoadResult } from "./lib/load";
import { ROOT, startServer } from "./lib/server";

const port = Number(process.env.BENCH_PORT ?? 3290);
const durationMs = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const TARGETS: Record<number, number> = { 1: 0.9, 4: 0.7 };

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
async function demoSummarySlug(databaseFile: string): Promise<string> {
  const db = openDatabase(databaseFile);
  try {
    const existing = db.select({ slug: summaries.slug }).from(summaries).get();
    if (existing) return existing.slug;
    const editor = db.select().from(users).where(eq(users.email, "editor@factdesk.test")).get();
    const verified = db.select({ articleId: claims.articleId }).from(claims).where(eq(claims.state, "verified")).get();
    if (!editor || !verified?.articleId) throw new Error("The demo data has no editor or no verified claim to publish");
    const published = await publishSummary(db, { id: editor.id, name: editor.name, email: editor.email, role: editor.role }, verified.articleId, {
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
    const slug = await demoSummarySlug(server.databaseFile);
    const page = `${server.baseUrl}/summaries/${slug}`;

    const first = await fetch(page);
    const html = await first.text();
    if (!first.ok || !html.includes("application/ld+json")) throw new Error(`The summary page did not render (${first.status})`);
    const staticUrl = `${server.baseUrl}${staticFileNear(server.distDir, Buffer.byteLength(html))}`;

    const paths: Array<[string, string]> = [
      ["index /summaries", "/summaries"],
      ["summary page", `/summaries/${slug}`],
      ["version page", `/summaries/${slug}/v/1`],
      ["feed", "/summaries/feed.xml"],
      ["embed card", `/summaries/${slug}/embed`],
      ["share image", `/summaries/${slug}/opengraph-image`],
    ];
    for (const [, url] of paths) {
      const warm = await fetch(`${server.baseUrl}${url}`);
      await warm.arrayBuffer();
      if (!warm.ok) throw new Error(`${url} answered ${warm.status}`);
    }
    console.log(`${durationMs / 1000}s per measurement after a warm-up; cache status of the page: ${first.headers.get("x-nextjs-cache") ?? "n/a"}\n`);
    const worst: Record<number, number> = {};
    for (const connections of [1, 4]) {
      console.log(`--- ${connections} client${connections === 1 ? "" : "s"} (target >= ${TARGETS[connections]}x the static file)`);
      const file: LoadResult = await load(staticUrl, { connections, durationMs });
      console.log(formatRow("static file", file));
      for (const [label, url] of paths) {
        const result = await load(`${server.baseUrl}${url}`, { connections, durationMs });
        const ratio = result.rps / file.rps;
        worst[connections] = Math.min(worst[connections] ?? Infinity, ratio);
        console.log(`${formatRow(label, result)}   ${ratio.toFixed(2)}x`);
      }
      console.log("");
    }
    for (const connections of [1, 4]) {
      const met = worst[connections] >= TARGETS[connections] ? "met" : "NOT met";
      console.log(`worst throughput ratio at ${connections} client${connections === 1 ? "" : "s"}: ${worst[connections].toFixed(2)}x (target ${TARGETS[connections]}x) ${met}`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
