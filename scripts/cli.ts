/** `npx factdesk <command>`: the operator CLI. Every command is a thin shell over lib/ functions. */
import path from "node:path";
import { closeAppDatabase, openAppDatabase, resolveDatabasePath, type Db } from "@/db/client";
import { createToken } from "@/lib/tokens/tokens";
import { createUser, findUserByEmail } from "@/lib/users/users";

const HELP = `factdesk — operator commands for a Factdesk database

Usage: npx factdesk <command> [options]

Commands:
  user:create --email E --name N --role R --password P
                        Create a user (role: reporter, editor or admin).
  token:create --email E --name N [--expires DAYS|never]
                        Create an API token for a user; the token is printed once.
                        --expires: days until it stops working (default never).
  audit:verify [--expect-head HASH]
                        Check the sign-off hash chain, the citations sign-offs
                        rest on and every claim against its latest sign-off;
                        print every problem and the head hash. Exit 0 when
                        intact (and HASH, recorded earlier, is still in the
                        chain), otherwise 1.
  backup --to FILE      Copy the database while the app runs (VACUUM INTO a
                        temporary file, which completes under steady writes),
                        check the copy (integrity_check, audit chain), then
                        name it FILE. Shows progress for big databases.
  claims:score          Read sentences, one a line, on stdin; print one
                        check-worthiness score in [0,1] a line, in order.
  demo:load --claims N [--seed S]
                        Fill the database with N claims in every state
                        (articles, about three sign-offs a claim, assignments),
                        through the same domain functions as the desk, then
                        verify the audit chain. For benchmarks and trials.
  factchecks:import FILE...
                        Import earlier fact-checks (schema.org ClaimReview
                        JSON-LD: one, an array, a DataFeed, or HTML pages
                        carrying them) into the archive the matcher searches.
                        A url already there is updated. Bad items are listed
                        with their file and index; the rest still import.
                        Exit 1 when any item or file could not be read.
  claims:match [--limit N] [--json] [--checked-before]
                        Read claims, one a line, on stdin; write exactly one
                        line for each: the URLs of the best-matching earlier
                        fact-checks and desk claims, best first, tab-separated
                        (empty when nothing matches). --json: one JSON array a
                        line instead. --checked-before: only matches at or
                        above the "checked before" threshold. N: 1-50, default 5.
  db:copy --from A --to B [--replace] [--batch N]
                        Copy a whole desk from a SQLite file (a path or file:
                        URL) to PostgreSQL (postgres://…), or back. Reads one
                        snapshot of the source, so the app may keep running
                        on it; writes the target in one transaction (a SQLite
                        target is created and migrated, PostgreSQL migrated).
                        Progress per table on stderr. Then checks the audit
                        chain on both sides and compares the head hashes,
                        sign-off counts and every table's row count; exit 1
                        on any difference. A non-empty target is refused:
                        --replace deletes everything in it first. N: rows per
                        batch, 1-5000, default 500.
  --help                Show this help.

The database is DATABASE_URL (a path or file: URL), default data/factdesk.db.`;

class UsageError extends Error {}

function parseFlags(args: string[], allowed: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) throw new UsageError(`Unexpected argument “${arg}”.`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!allowed.includes(name)) throw new UsageError(`Unknown option --${name}. Expected: ${allowed.map((a) => `--${a}`).join(", ")}.`);
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value.`);
    flags[name] = value;
  }
  return flags;
}

function required(flags: Record<string, string>, names: string[]): void {
  const missing = names.filter((name) => !flags[name]);
  if (missing.length) throw new UsageError(`Missing ${missing.map((name) => `--${name}`).join(", ")}.`);
}

/** The database DATABASE_URL names (SQLite or PostgreSQL), opened once per command; main closes it. */
function db(): Promise<Db> {
  return openAppDatabase();
}

async function userCreate(args: string[]): Promise<number> {
  const flags = parseFlags(args, ["email", "name", "role", "password"]);
  required(flags, ["email", "name", "role", "password"]);
  const result = await createUser(await db(), null, flags);
  if (!result.ok) {
    const fields = Object.entries(result.error.fields ?? {}).map(([field, messages]) => `  --${field}: ${messages.join(" ")}`);
    console.error([result.error.message, ...fields].join("\n"));
    return 1;
  }
  console.log(`Created ${result.value.role} ${result.value.name} <${result.value.email}> (id ${result.value.id}).`);
  return 0;
}

async function tokenCreate(args: string[]): Promise<number> {
  const flags = parseFlags(args, ["email", "name", "expires"]);
  required(flags, ["email", "name"]);
  const database = await db();
  const user = await findUserByEmail(database, flags.email);
  if (!user) {
    console.error(`No user with the email ${flags.email}.`);
    return 1;
  }
  const result = await createToken(database, user.id, { name: flags.name, expiresInDays: flags.expires });
  if (!result.ok) {
    const fields = Object.entries(result.error.fields ?? {}).map(([field, messages]) => `  --${field === "expiresInDays" ? "expires" : field}: ${messages.join(" ")}`);
    console.error([result.error.message, ...fields].join("\n"));
    return 1;
  }
  const expires = result.value.summary.expiresAt ? `expires ${result.value.summary.expiresAt}` : "does not expire";
  console.error(`Token “${result.value.summary.name}” for ${user.email} (${user.role}), ${expires}. It is shown only this once:`);
  console.log(result.value.token);
  return 0;
}

async function auditVerify(args: string[]): Promise<number> {
  const expectHead = parseFlags(args, ["expect-head"])["expect-head"];
  if (expectHead !== undefined && !/^[0-9a-f]{64}$/i.test(expectHead)) {
    throw new UsageError("--expect-head takes a head hash as audit:verify printed it: 64 hex digits.");
  }
  const { verifyAuditChain } = await import("@/lib/workflow/audit");
  const database = await db();
  const result = await verifyAuditChain(database, { expectHead });
  const { recordAuditVerification } = await import("@/lib/workflow/audit-log");
  await recordAuditVerification(database, result, null, "cli");
  const signoffs = `${result.count} sign-off${result.count === 1 ? "" : "s"}`;
  // Every problem, not only the first: one broken row must not hide tampering further on.
  for (const problem of result.problems) console.error(`  ${problem.reason}`);
  if (result.ok) {
    const anchored = result.anchor ? `; the expected head is still in it (sign-off #${result.anchor.signoffId})` : "";
    console.log(`Audit chain intact: ${signoffs} verified${anchored}.`);
  } else {
    console.error(`Audit chain BROKEN: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} in ${signoffs}.`);
  }
  console.log(`Head hash: ${result.headHash}`);
  if (!expectHead) console.log("Record the head hash outside Factdesk; pass it back with --expect-head to prove the history up to it was not rewritten.");
  return result.ok ? 0 : 1;
}

async function backup(args: string[]): Promise<number> {
  const flags = parseFlags(args, ["to"]);
  required(flags, ["to"]);
  const { databaseEngine } = await import("@/lib/core/engine");
  if (databaseEngine() === "postgres") {
    console.error("backup copies a SQLite desk file. On PostgreSQL use the server's own tools (pg_dump), or copy the desk to a SQLite file with npx factdesk db:copy --from postgres://… --to FILE.");
    return 1;
  }
  const { backupDatabase } = await import("@/lib/backup/backup");
  const source = resolveDatabasePath();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  let lastShown = 0;
  const result = await backupDatabase(source, flags.to, {
    // Progress for big databases only, at most once a second, on stderr (stdout stays the summary).
    onProgress: ({ copiedBytes, totalBytes }) => {
      if (totalBytes < 16 * 1024 * 1024 || Date.now() - lastShown < 1000) return;
      lastShown = Date.now();
      console.error(`Copying ${mb(totalBytes)}: ${mb(copiedBytes)} (${Math.floor((copiedBytes / totalBytes) * 100)}%)`);
    },
  });
  if (!result.ok) {
    console.error(`Backup failed: ${result.error.message} Nothing was written to ${path.resolve(flags.to)}.`);
    return 1;
  }
  const { target, bytes, seconds, signoffs, headHash } = result.value;
  console.log(
    `Backed up ${source} to ${target}: ${mb(bytes)} in ${seconds.toFixed(1)} s; integrity check ok, audit chain ok (${signoffs} sign-off${signoffs === 1 ? "" : "s"}, head ${headHash}).`,
  );
  return 0;
}

async function claimsScore(args: string[]): Promise<number> {
  parseFlags(args, []);
  const { scoreLines } = await import("@/lib/extract");
  // Decode once, after joining: a multi-byte UTF-8 character can be split across two chunks, and
  // decoding each chunk on its own would turn its halves into replacement characters.
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  const input = Buffer.concat(chunks).toString("utf8");
  const lines = input.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const scores = scoreLines(lines);
  process.stdout.write(scores.map((score) => score.toFixed(4)).join("\n") + (scores.length ? "\n" : ""));
  return 0;
}

async function demoLoad(args: string[]): Promise<number> {
  const flags = parseFlags(args, ["claims", "seed"]);
  required(flags, ["claims"]);
  const claims = Number(flags.claims);
  const seed = flags.seed === undefined ? 1 : Number(flags.seed);
  if (!Number.isInteger(claims) || claims < 1) throw new UsageError("--claims takes a whole number of at least 1.");
  if (!Number.isInteger(seed)) throw new UsageError("--seed takes a whole number.");
  const { loadDemoDesk } = await import("@/lib/demo/load");
  const { progressBar } = await import("@/lib/cli/progress");
  const progress = progressBar("demo:load", claims, "claims");
  const report = await loadDemoDesk(await db(), { claims, seed, onProgress: (done) => progress.update(done) });
  progress.finish();
  const { draft, reviewed, verified } = report.byState;
  console.log(
    `Loaded ${report.claims.toLocaleString("en")} claims (${draft.toLocaleString("en")} draft, ${reviewed.toLocaleString("en")} reviewed, ` +
      `${verified.toLocaleString("en")} verified) in ${report.articles.toLocaleString("en")} articles, with ${report.signoffs.toLocaleString("en")} sign-offs ` +
      `and ${report.assignments.toLocaleString("en")} assignments, in ${report.seconds.toFixed(1)} s.`,
  );
  console.log(`Load people: load.reporter1-4@factdesk.test and load.editor1-4@factdesk.test, password ${report.people.password}.`);
  if (!report.audit.ok) {
    console.error("Audit chain check after the load FAILED: run npx factdesk audit:verify for the details.");
    return 1;
  }
  console.log(`Audit chain intact: ${report.audit.count.toLocaleString("en")} sign-offs verified, head ${report.audit.headHash}.`);
  return 0;
}

async function factchecksImport(args: string[]): Promise<number> {
  if (args.length === 0) throw new UsageError("Name at least one file: npx factdesk factchecks:import FILE...");
  const flag = args.find((a) => a.startsWith("--"));
  if (flag) throw new UsageError(`Unexpected option ${flag}: factchecks:import takes file names only.`);
  const { readFileSync } = await import("node:fs");
  const { importSource } = await import("@/lib/factchecks");
  const database = await db();
  const total = { imported: 0, updated: 0, skipped: 0, errors: 0 };
  const started = performance.now();
  for (const file of args) {
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch (error) {
      console.error(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      total.errors++;
      continue;
    }
    const report = await importSource(database, null, source);
    for (const e of report.errors) console.error(`${file} item ${e.index}: ${e.message}`);
    console.log(`${file}: ${report.imported} imported, ${report.updated} updated, ${report.skipped} unchanged, ${report.errors.length} with errors.`);
    total.imported += report.imported;
    total.updated += report.updated;
    total.skipped += report.skipped;
    total.errors += report.errors.length;
  }
  if (args.length > 1) {
    console.log(`All files: ${total.imported} imported, ${total.updated} updated, ${total.skipped} unchanged, ${total.errors} with errors, in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
  return total.errors ? 1 : 0;
}

async function claimsMatch(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const aboveThreshold = args.includes("--checked-before");
  const flags = parseFlags(args.filter((a) => a !== "--json" && a !== "--checked-before"), ["limit"]);
  const limit = flags.limit === undefined ? 5 : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new UsageError("--limit takes a whole number from 1 to 50.");
  const { matchText } = await import("@/lib/match");
  const database = await db();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  const lines = Buffer.concat(chunks).toString("utf8").split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const out: string[] = [];
  for (const line of lines) {
    const matches = line.trim() ? await matchText(database, line, { limit, aboveThreshold }) : [];
    out.push(json ? JSON.stringify(matches) : matches.map((m) => m.url).join("\t"));
  }
  process.stdout.write(out.map((line) => `${line}\n`).join(""));
  return 0;
}

async function dbCopy(args: string[]): Promise<number> {
  const replace = args.includes("--replace");
  const flags = parseFlags(
    args.filter((arg) => arg !== "--replace"),
    ["from", "to", "batch"],
  );
  required(flags, ["from", "to"]);
  const { runDbCopy, CopyRefused } = await import("@/lib/dbcopy/run");
  const { redactDatabaseUrl } = await import("@/lib/core/engine");
  const batch = flags.batch === undefined ? undefined : Number(flags.batch);
  let report;
  try {
    report = await runDbCopy({ from: flags.from, to: flags.to, replace, batchSize: batch });
  } catch (error) {
    if (error instanceof CopyRefused) {
      console.error(`db:copy refused: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const { rows, tables, seconds, comparison } = report;
  const from = redactDatabaseUrl(flags.from);
  const to = redactDatabaseUrl(flags.to);
  if (!comparison.ok) {
    console.error(`db:copy copied ${rows} rows from ${from} to ${to}, but the two desks do not agree:`);
    for (const problem of comparison.problems) console.error(`  ${problem}`);
    return 1;
  }
  console.log(
    `Copied ${rows.toLocaleString("en")} rows in ${tables} tables from ${from} to ${to} in ${seconds.toFixed(1)} s; audit chain ok on both sides (${comparison.source.count} sign-offs, head ${comparison.source.headHash}), every table's row count matches.`,
  );
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => number | Promise<number>> = {
  "user:create": userCreate,
  "token:create": tokenCreate,
  "audit:verify": auditVerify,
  backup,
  "claims:score": claimsScore,
  "demo:load": demoLoad,
  "factchecks:import": factchecksImport,
  "claims:match": claimsMatch,
  "db:copy": dbCopy,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(HELP);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Unknown command “${command}”. Run npx factdesk --help for the list.`);
    return 2;
  }
  if (args.includes("--help")) {
    console.log(HELP);
    return 0;
  }
  try {
    return await run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\nRun npx factdesk --help for usage.`);
      return 2;
    }
    console.error(`factdesk ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    // A PostgreSQL pool would otherwise keep the process alive; SQLite's connection closes cleanly.
    await closeAppDatabase().catch(() => {});
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
