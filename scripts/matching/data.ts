/*
 * CLEF 2020 CheckThat! Task 2 (verified claim retrieval, English, v3) from ../shared/datasets (never
 * copied into the repo): the 10,375 Snopes fact-checks, and the train/ and dev/ tweets with their qrels.
 * The organisers' test tweets are not there and are never read. Everything else here skips with a
 * message when the folder is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { parseCsv } from "../lib/csv";
import { buildCharIdf } from "./idf";

const repoRoot = path.resolve(__dirname, "../..");
export const datasetDir = path.resolve(repoRoot, "../shared/datasets/clef2020-claim-retrieval");

export function datasetAvailable(): boolean {
  return ["verified_claims.docs.tsv", "train/tweets.queries.tsv", "train/tweet-vclaim-pairs.qrels", "dev/tweets.queries.tsv", "dev/tweet-vclaim-pairs.qrels"].every(
    (file) => existsSync(path.join(datasetDir, file)),
  );
}

const swapTabsAndCommas = (text: string) => text.replace(/[\t,]/g, (c) => (c === "\t" ? "," : "\t"));

/**
 * Tab-separated values where a field holding a tab, newline or quote is double-quoted (quotes doubled),
 * as CSV does: read by the project's CSV reader (scripts/lib/csv.ts) with tabs and commas swapped.
 */
export function parseTsv(text: string): string[][] {
  return parseCsv(swapTabsAndCommas(text)).map((row) => row.map(swapTabsAndCommas));
}

export interface VerifiedClaim {
  id: string;
  claim: string;
  title: string;
}

export interface Query {
  id: string;
  text: string;
  /** Ids of the verified claims that settle it. */
  relevant: Set<string>;
}

const read = (file: string) => readFileSync(path.join(datasetDir, file), "utf8").replace(/^\uFEFF/, "");

export function loadVerifiedClaims(): VerifiedClaim[] {
  const [, ...rows] = parseTsv(read("verified_claims.docs.tsv"));
  return rows.filter((r) => r.length >= 3 && r[0] !== "").map(([id, claim, title]) => ({ id, claim, title }));
}

export function loadQueries(split: "train" | "dev"): Query[] {
  const relevant = new Map<string, Set<string>>();
  for (const line of read(`${split}/tweet-vclaim-pairs.qrels`).split(/\r?\n/)) {
    const [tweet, , vclaim, rel] = line.trim().split(/\s+/);
    if (!tweet || rel !== "1") continue;
    if (!relevant.has(tweet)) relevant.set(tweet, new Set());
    relevant.get(tweet)!.add(vclaim);
  }
  const [, ...rows] = parseTsv(read(`${split}/tweets.queries.tsv`));
  return rows
    .filter((r) => r.length >= 2 && r[0] !== "" && relevant.has(r[0]))
    .map(([id, text]) => ({ id, text, relevant: relevant.get(id)! }));
}

export const vclaimUrl = (id: string) => `clef2020:vclaim/${id}`;

/**
 * An in-memory Factdesk database (migrations applied) whose fact-check archive is the 10,375 Snopes
 * claims: training and evaluation retrieve through the app's own FTS5 index and code.
 */
export function archiveDatabase(claims: readonly VerifiedClaim[]): { db: Db; idOf: Map<number, string> } {
  const db = openDatabase(":memory:");
  const insert = db.$client.prepare(
    "INSERT INTO factchecks (url, claim_reviewed, headline, content_hash, updated_at) VALUES (?, ?, ?, '-', '2020-01-01T00:00:00.000Z')",
  );
  const idOf = new Map<number, string>();
  db.$client.transaction(() => {
    for (const c of claims) idOf.set(Number(insert.run(vclaimUrl(c.id), c.claim, c.title || null).lastInsertRowid), c.id);
  })();
  return { db, idOf };
}

export function collectionIdf(claims: readonly VerifiedClaim[], bits: number) {
  return buildCharIdf(
    claims.flatMap((c) => [c.claim, c.title].filter(Boolean)),
    bits,
  );
}
