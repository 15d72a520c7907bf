/**
 * The write path against its storage floor, in one process and one run: sign-offs per second through
 * the domain functions (submit a claim, then review it: parse, rules, versions, citations, hash chain,
 * read-back) against a raw better-sqlite3 transaction doing the same essential writes with prepared
 * statements (insert the claim and its chained sign-off; read it, update it versioned, chain a second
 * sign-off). Both write to a WAL database file with the app's pragmas.
 *
 *   npm run bench -- write-path      (BENCH_SECONDS per measurement, default 3)
 *
 * Target (issue #10): the domain reaches at least 25% of the raw floor.
 */
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { articles } from "@/db/schema";
import { createTestUser } from "@/lib/testing/db";
import { submitClaim, transitionClaim } from "@/lib/workflow";

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const dir = mkdtempSync(path.join(os.tmpdir(), "factdesk-bench-write-"));
const BODY = "The county spent $48 million on road repairs last year, the commissioner said. It was the highest in a decade.";
const QUOTE = "The county spent $48 million on road repairs last year, the commissioner said.";
const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

async function timed(label: string, step: (i: number) => number | Promise<number>): Promise<number> {
  for (let i = 0; i < 200; i++) await step(i); // warm-up: JIT, statement caches
  let signoffs = 0;
  let i = 200;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) signoffs += await step(i++);
  const perSecond = (signoffs / (performance.now() - started)) * 1000;
  console.log(`${label.padEnd(44)} ${Math.round(perSecond).toLocaleString("en").padStart(9)} sign-offs/s`);
  return perSecond;
}

function domain(): Promise<number> {
  const db = openDatabase(path.join(dir, "domain.db"));
  const reporter = createTestUser(db, "reporter", "Bench Reporter");
  const editor = createTestUser(db, "editor", "Bench Editor");
  const article = db.insert(articles).values({ title: "Bench", body: BODY, contentHash: sha(BODY), createdById: reporter.id }).returning().get();
  const origin = { kind: "origin" as const, title: "Bench", documentRef: "Article #1", quote: QUOTE, articleId: article.id, quoteStart: 0, quoteEnd: QUOTE.length };
  return timed("domain: submitClaim + transitionClaim(review)", async (i) => {
    const submitted = await submitClaim(db, reporter, { text: `Claim ${i}: the county spent $48 million on roads.`, articleId: article.id, citations: [origin] });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const claim = submitted.value;
    const reviewed = await transitionClaim(db, editor, claim.id, { action: "review", note: "Checked", citationIds: [claim.citations[0].id], expectedVersion: claim.version });
    if (!reviewed.ok) throw new Error(reviewed.error.message);
    return 2;
  });
}

function raw(): Promise<number> {
  const db = openDatabase(path.join(dir, "raw.db"));
  const reporter = createTestUser(db, "reporter", "Raw Reporter");
  const editor = createTestUser(db, "editor", "Raw Editor");
  const sqlite = db.$client;
  const insertClaim = sqlite.prepare(
    "INSERT INTO claims (text, text_hash, state, version, round, submitter_id, created_at, updated_at) VALUES (?, ?, 'draft', 1, 1, ?, ?, ?)",
  );
  const lastSignoff = sqlite.prepare("SELECT id, hash FROM signoffs ORDER BY id DESC LIMIT 1");
  const insertSignoff = sqlite.prepare(
    "INSERT INTO signoffs (id, claim_id, action, from_state, to_state, user_id, note, claim_version, text_hash, round, prev_hash, hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
  );
  const readClaim = sqlite.prepare("SELECT id, version, text_hash FROM claims WHERE id = ?");
  const updateClaim = sqlite.prepare("UPDATE claims SET state = 'reviewed', version = ?, updated_at = ? WHERE id = ? AND version = ?");
  const chain = (claimId: number, action: string, from: string | null, to: string, userId: number, version: number, textHash: string) => {
    const last = lastSignoff.get() as { id: number; hash: string } | undefined;
    const prev = last?.hash ?? "0".repeat(64);
    const createdAt = new Date().toISOString();
    const id = (last?.id ?? 0) + 1;
    const hash = sha(prev + JSON.stringify({ id, claimId, action, from, to, userId, version, textHash, createdAt }));
    insertSignoff.run(id, claimId, action, from, to, userId, action, version, textHash, prev, hash, createdAt);
  };
  const submitAndReview = sqlite.transaction((i: number) => {
    const text = `Claim ${i}: the county spent $48 million on roads.`;
    const now = new Date().toISOString();
    const textHash = sha(text);
    const claimId = Number(insertClaim.run(text, textHash, reporter.id, now, now).lastInsertRowid);
    chain(claimId, "submit", null, "draft", reporter.id, 1, textHash);
    const claim = readClaim.get(claimId) as { id: number; version: number; text_hash: string };
    updateClaim.run(claim.version + 1, new Date().toISOString(), claim.id, claim.version);
    chain(claim.id, "review", "draft", "reviewed", editor.id, claim.version + 1, claim.text_hash);
  });
  return timed("raw: prepared statements, same essential writes", (i) => {
    submitAndReview.immediate(i);
    return 2;
  });
}

console.log(`Write path, ${seconds}s per measurement, WAL database files in ${dir}\n`);
async function main(): Promise<void> {
  const floor = await raw();
  const through = await domain();
  console.log(`\nDomain / raw floor: ${(through / floor).toFixed(3)} (target ≥ 0.25)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
