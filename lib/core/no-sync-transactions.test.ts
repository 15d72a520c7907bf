import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * Every transaction in the product goes through the one asynchronous seam, transact(db, work) in
 * lib/core/transaction.ts (#17): it holds the process-wide lock, nests as savepoints and runs on
 * PostgreSQL too. A synchronous transaction beside it (drizzle's db.transaction, better-sqlite3's
 * .transaction, a raw BEGIN) takes none of that lock, so once transact work awaits, it can start
 * inside another request's open transaction or have that request's statements join it. This test
 * reads lib/ and app/ and fails on any new one.
 *
 * The files still allowed, each with why. The list only shrinks: an entry whose file no longer has
 * one fails too, so whoever moves it over deletes its line.
 */
const ALLOWED: Record<string, string> = {
  "lib/dbcopy/copy.ts": "db:copy reads the source desk from one deliberate read snapshot",
  "lib/dbcopy/run.ts": "db:copy's snapshot read and its one target transaction",
  "lib/match/archive-index.ts": "the matcher's own index, the match engineer's to move",
  "lib/factchecks/import.ts": "the fact-check import, the match engineer's to move",
  // Tests that arrange rows in one raw transaction.
  "lib/events/effects.test.ts": "arranges events in one raw transaction",
  "lib/events/dispatch.test.ts": "arranges a backlog of events in one raw transaction",
  "lib/workflow/queries.test.ts": "arranges claims in one raw transaction",
  "lib/backup/backup.test.ts": "writes during a backup in raw transactions",
};

/** The seam itself and its tests (lib/core/transaction*.ts: SQLite's BEGIN under its lock, PostgreSQL's pooled transaction), and this file. */
const SEAM = /^lib\/core\/(transaction[\w.-]*|no-sync-transactions\.test)\.ts$/;

const SYNC_TRANSACTION = [
  { pattern: /\.transaction\s*\(/, what: "a synchronous .transaction(...)" },
  { pattern: /\binTransaction\s*\(/, what: "the synchronous inTransaction(...)" },
  { pattern: /\b(?:exec|prepare)\s*\(\s*["'`]\s*BEGIN\b/i, what: "a raw BEGIN" },
];

const ROOT = path.resolve(__dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : sources(relative);
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [relative] : [];
  });
}

/** Each line of lib/ and app/ that opens a synchronous transaction, as "file:line: what". */
function syncTransactions(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of [...sources("lib"), ...sources("app")].filter((file) => !SEAM.test(file))) {
    const lines = readFileSync(path.join(ROOT, file), "utf8").split("\n");
    lines.forEach((line, index) => {
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // comments describe, they do not run
      for (const { pattern, what } of SYNC_TRANSACTION) {
        if (pattern.test(line)) found.set(file, [...(found.get(file) ?? []), `${file}:${index + 1}: ${what}: ${line.trim()}`]);
      }
    });
  }
  return found;
}

describe("transactions go through the seam", () => {
  const found = syncTransactions();

  it("opens no synchronous transaction in lib/ or app/ outside the allow-list", () => {
    const offending = [...found].filter(([file]) => !(file in ALLOWED)).flatMap(([, lines]) => lines);
    expect(
      offending,
      "Use transact(db, work) from lib/core/transaction.ts (await it; throw refuse(...) to roll back into a failed Result) instead of a synchronous transaction:\n" +
        offending.join("\n"),
    ).toEqual([]);
  });

  it("allows only files that still have one (delete an entry once its file has moved to transact)", () => {
    const moved = Object.keys(ALLOWED).filter((file) => !found.has(file));
    expect(moved, `These files no longer open a synchronous transaction; remove them from ALLOWED: ${moved.join(", ")}`).toEqual([]);
  });

  it("finds what it looks for (the patterns still match the forms they are meant to)", () => {
    const sample = ['db.transaction((tx) => tx.delete(t).run(), { behavior: "immediate" });', "db.$client.transaction(() => {})", "inTransaction(db, (tx) => x)", 'sqlite.exec("BEGIN IMMEDIATE");'];
    for (const line of sample) expect(SYNC_TRANSACTION.some(({ pattern }) => pattern.test(line)), line).toBe(true);
    for (const line of ["await transact(db, (tx) => x);", "if (db.$client.inTransaction) return;", "inTransactionWithEvents(db, work)"]) {
      expect(SYNC_TRANSACTION.some(({ pattern }) => pattern.test(line)), line).toBe(false);
    }
  });
});
