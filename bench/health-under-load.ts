/**
 * One user's heavy request must not stall everyone else's: `/api/v1/health` p99 while big uploads
 * (.docx zip bombs and a long genuine .docx) are read and while long articles are added and their
 * candidates listed, each as a ratio against idle /health in the same run.
 *
 *   npm run bench -- health-under-load     (BENCH_PORT, BENCH_SECONDS, NEXT_DIST_DIR, BENCH_LOG=1)
 */
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { buildDocxBomb, longArticleText } from "@/lib/ingest/test-files";
import { createToken } from "@/lib/tokens/tokens";
import { formatRow, load, type LoadResult } from "./lib/load";
import { startServerOnBuild } from "./lib/server";
import { signIn } from "./lib/session";

const port = Number(process.env.BENCH_PORT ?? 3215);
const durationMs = Number(process.env.BENCH_SECONDS ?? 10) * 1000;


/** Runs `work` in a loop until stopped; counts rounds and records how long each took. */
function background(work: () => Promise<void>) {
  let running = true;
  const times: number[] = [];
  let failures = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await work();
        times.push(performance.now() - started);
      } catch (error) {
        failures += 1;
        if (failures === 1) {
          const cause = (error as { cause?: { code?: string } }).cause?.code;
          console.error(`  background work failed once: ${error instanceof Error ? error.message : error}${cause ? ` (${cause})` : ""}`);
        }
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      times.sort((a, b) => a - b);
      return { rounds: times.length, failures, medianMs: times[Math.floor(times.length / 2)] ?? NaN };
    },
  };
}

async function main(): Promise<void> {
  const server = await startServerOnBuild({ port, log: process.env.BENCH_LOG === "1", distDir: process.env.NEXT_DIST_DIR ?? ".next-perf" });
  try {
    const db = openDatabase(server.databaseFile);
    const reporter = db.select().from(users).where(eq(users.role, "reporter")).get()!;
    const token = await createToken(db, reporter.id, { name: "bench" });
    if (!token.ok) throw new Error(token.error.message);
    db.$client.close();
    const auth = { Authorization: `Bearer ${token.value.token}`, "Content-Type": "application/json" };
    const cookie = await signIn(server.baseUrl, reporter.email);
    const health = `${server.baseUrl}/api/v1/health`;
    const measure = () => load(health, { connections: 2, durationMs });

    const idle = await measure();
    console.log(`/health p99 while heavy requests run (${durationMs / 1000}s each, 2 connections on /health):\n`);
    console.log(formatRow("idle", idle));

    const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const files = [
      { name: "bomb.docx", bytes: buildDocxBomb({ inflatedBytes: 138_000_000 }) },
      { name: "liar.docx", bytes: buildDocxBomb({ inflatedBytes: 400_000_000, declare: "lie" }) },
      { name: "long.docx", bytes: buildDocxBomb({ inflatedBytes: 600_000 }) },
    ];
    const send = async (file: { name: string; bytes: Uint8Array }) => {
      const post = () => {
        const form = new FormData();
        form.set("file", new Blob([Buffer.from(file.bytes)], { type: docx }), file.name);
        return fetch(`${server.baseUrl}/articles/new/extract`, { method: "POST", headers: { Cookie: cookie }, body: form });
      };
      // Sent again once when the pooled keep-alive connection turns out to be closed (EPIPE): nothing was read.
      const response = await post().catch(post);
      await response.arrayBuffer();
      if (![200, 413].includes(response.status)) throw new Error(`${file.name}: ${response.status}`);
    };
    // Not measured: the first upload starts the job thread (a second or more), once per server.
    const warmStarted = performance.now();
    await send(files[2]).catch((error) => console.log(`(first upload refused: ${error instanceof Error ? error.message : error})`));
    console.log(`(first upload, starting the job thread: ${(performance.now() - warmStarted).toFixed(0)} ms)`);
    let upload = 0;
    const uploads = background(() => send(files[upload++ % files.length]));
    const duringUploads = await measure();
    const uploadStats = await uploads.stop();
    console.log(formatRow("big uploads", duringUploads));

    let article = 0;
    const ids: number[] = [];
    const articles = background(async () => {
      const seed = article++;
      const created = await fetch(`${server.baseUrl}/api/v1/articles`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ title: `Long ${seed}`, body: `${Date.now()} ${longArticleText(400_000, seed)}` }),
      });
      const body = (await created.json()) as { id?: number };
      if (created.status !== 201 || !body.id) throw new Error(`POST /articles: ${created.status}`);
      ids.push(body.id);
      const listed = await fetch(`${server.baseUrl}/api/v1/articles/${ids[Math.floor(Math.random() * ids.length)]}/candidates`, { headers: auth });
      await listed.arrayBuffer();
      if (listed.status !== 200) throw new Error(`GET candidates: ${listed.status}`);
    });
    const duringArticles = await measure();
    const articleStats = await articles.stop();
    console.log(formatRow("big articles", duringArticles));

    const ratio = (r: LoadResult) => (r.p99 / idle.p99).toFixed(2);
    console.log(`\nUploads read meanwhile: ${uploadStats.rounds} (median ${uploadStats.medianMs.toFixed(0)} ms each, ${uploadStats.failures} failed)`);
    console.log(`400,000-character articles added and candidates listed meanwhile: ${articleStats.rounds} (median ${articleStats.medianMs.toFixed(0)} ms each, ${articleStats.failures} failed)`);
    console.log(`/health p99 ratio to idle: ${ratio(duringUploads)} during big uploads, ${ratio(duringArticles)} during big articles`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
