import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { createArticle } from "@/lib/articles/articles";
import { createTestUser } from "@/lib/testing/db";
import { submitClaim } from "@/lib/workflow";
import { backupDatabase } from "./backup";

const ROOT = path.resolve(__dirname, "..", "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "factdesk-backup-"));
const source = path.join(dir, "live.db");
let writer: ChildProcess | null = null;

/** A real second process writing one row per transaction, as fast as it can, until stopped. */
function startWriter(): Promise<ChildProcess> {
  const script = `
    const Database = require(${JSON.stringify(path.join(ROOT, "node_modules", "better-sqlite3"))});
    const db = new Database(${JSON.stringify(source)});
    db.pragma("journal_mode = WAL"); db.pragma("busy_timeout = 5000");
    const insert = db.prepare("INSERT INTO articles (title, body, content_hash, created_by_id) VALUES (?, ?, ?, 1)");
    let n = 0;
    process.stdout.write("started\\n");
    setInterval(() => { for (let i = 0; i < 2; i++) { n++; insert.run("w" + n, "Write " + n + " " + "x".repeat(2000), "w-" + process.pid + "-" + n); } }, 5);
    process.on("SIGTERM", () => { process.stdout.write("writes " + n + "\\n"); process.exit(0); });
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => child.stdout!.once("data", () => resolve(child)));
}

function stopWriter(): Promise<number> {
  return new Promise((resolve) => {
    if (!writer) return resolve(0);
    let out = "";
    writer.stdout!.on("data", (chunk) => (out += chunk));
    writer.once("exit", () => resolve(Number(out.match(/writes (\d+)/)?.[1] ?? 0)));
    writer.kill("SIGTERM");
    writer = null;
  });
}

function cli(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, "bin", "factdesk.mjs"), ...args], {
    env: { ...process.env, DATABASE_URL: source },
    encoding: "utf8",
    timeout: 120_000,
  });
}

const tempsOf = (target: string) => readdirSync(path.dirname(target)).filter((name) => name.startsWith(`${path.basename(target)}.tmp-`));

beforeAll(async () => {
  const db = openDatabase(source);
  const reporter = createTestUser(db, "reporter", "Rita Reporter");
  const article = await createArticle(db, reporter, { title: "Freed", body: "Alice Marie Johnson was freed on Wednesday." });
  if (!article.ok) throw new Error(article.error.message);
  const claim = await submitClaim(db, reporter, {
    text: "Johnson was freed on Wednesday.",
    articleId: article.value.id,
    citations: [{ kind: "origin", title: "Freed", url: "https://example.com/freed", quote: "freed on Wednesday", articleId: article.value.id }],
  });
  if (!claim.ok) throw new Error(claim.error.message);
  // About 60 MB of articles, so the copy takes long enough for many writes to land during it.
  const insert = db.$client.prepare("INSERT INTO articles (title, body, content_hash, created_by_id) VALUES (?, ?, ?, ?)");
  db.$client.transaction(() => {
    for (let i = 0; i < 120; i++) insert.run(`Bulk ${i}`, `Bulk article ${i}. `.repeat(30_000).slice(0, 500_000), `bulk-${i}`, reporter.id);
  })();
  db.$client.close();
}, 60_000);

afterAll(async () => {
  await stopWriter();
});

describe("backup", () => {
  it("completes under steady writes from another process, and the copy is checked before it takes the name", async () => {
    writer = await startWriter();
    const target = path.join(dir, "under-load.db");
    writeFileSync(`${target}.tmp-999999999-deadbeef`, "a partial copy left by a backup that was killed");
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, "bin", "factdesk.mjs"), "backup", "--to", target], { env: { ...process.env, DATABASE_URL: source } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
      child.on("exit", (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });
    const writes = await stopWriter();
    expect(run.stderr).toMatch(/Copying \d+\.\d MB: /);
    expect(run.stdout).toMatch(/^Backed up .* integrity check ok, audit chain ok \(1 sign-off, head [0-9a-f]{64}\)\.\n$/);
    expect(run.status).toBe(0);
    expect(writes).toBeGreaterThan(50);
    // The stale partial file did not block the backup and is gone; so is this run's temporary file.
    expect(tempsOf(target)).toEqual([]);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect((copy.prepare("SELECT count(*) AS n FROM articles").get() as { n: number }).n).toBeGreaterThanOrEqual(121);
    copy.close();
    // The desk remembers it (the System page's "last backup").
    const desk = new Database(source, { readonly: true });
    const noted = desk.prepare("SELECT target, bytes, signoffs, head_hash AS headHash FROM backups ORDER BY id DESC LIMIT 1").get();
    desk.close();
    expect(noted).toEqual({ target, bytes: statSync(target).size, signoffs: 1, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  }, 150_000);

  it("refuses a target that already exists and leaves it as it was", () => {
    const target = path.join(dir, "exists.db");
    writeFileSync(target, "keep me");
    const run = cli(["backup", "--to", target]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("already exists; choose a new file name");
    expect(statSync(target).size).toBe("keep me".length);
  }, 60_000);

  it("writes nothing under the target's name when the copy fails the audit chain check", async () => {
    const tampered = path.join(dir, "tampered.db");
    const ok = await backupDatabase(source, tampered);
    expect(ok).toMatchObject({ ok: true });
    const db = new Database(tampered);
    db.exec("DROP TRIGGER IF EXISTS signoffs_no_update");
    db.prepare("UPDATE signoffs SET note = 'rewritten'").run();
    db.close();
    const target = path.join(dir, "from-tampered.db");
    const result = await backupDatabase(tampered, target);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The copy failed the audit chain check at sign-off 1/) } });
    expect(existsSync(target)).toBe(false);
    expect(tempsOf(target)).toEqual([]);
  }, 60_000);
});

