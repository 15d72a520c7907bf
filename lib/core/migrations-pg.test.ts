/**
 * The PostgreSQL migrations (drizzle/postgres) applied to an in-memory PGlite: they make exactly the
 * tables, columns and indexes db/schema-pg.ts declares (so a forgotten `npm run db:generate:pg` fails
 * here), the hand-written triggers keep the audit trail append-only as SQLite's do, and the search
 * answers the shared cases as the SQLite queue does (search-cases-pg.ts).
 */
import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { and, getTableName, inArray, is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { drizzle, type PgliteDatabase } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sqliteSchema from "@/db/schema";
import * as pgSchema from "@/db/schema-pg";
import { claims, factchecks } from "@/db/schema-pg";
import { openDatabase } from "@/db/client";
import { RAW_SEARCH_EQUIVALENTS } from "./schema-drift-pg";
import { SEARCH_CASES, SEARCH_CORPUS } from "./search-cases-pg";
import { claimTextMatches, factcheckMatchesAnyWord } from "./search-pg";

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const RAW_INDEXES: string[] = RAW_SEARCH_EQUIVALENTS.map((search) => search.postgresIndex);
/** Triggers that keep an FTS5 table in step: an expression index keeps itself. */
const FTS5_UPKEEP = /^(claims|factchecks)_fts_(insert|update|delete)$/;
/** PostgreSQL only: TRUNCATE skips row triggers (SQLite has no TRUNCATE). */
const TRUNCATE_GUARDS = ["publications_no_truncate", "signoff_citations_no_truncate", "signoffs_no_truncate"];

let client: PGlite;
let db: PgliteDatabase<typeof pgSchema>;

beforeAll(async () => {
  client = new PGlite({ extensions: { unaccent } });
  db = drizzle(client, { schema: pgSchema });
  await migrate(db, { migrationsFolder: path.resolve(process.env.FACTDESK_ROOT ?? process.cwd(), "drizzle/postgres") });
}, 120_000);

afterAll(async () => {
  await client?.close();
});

const schemaTables = Object.values(pgSchema as Record<string, unknown>).filter((value): value is PgTable => is(value, PgTable));

async function rows<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query<T>(query, params)).rows;
}

async function one<T>(query: string, params: unknown[] = []): Promise<T> {
  const [row] = await rows<T>(query, params);
  return row;
}

/** The query plan PostgreSQL chooses for a statement drizzle built. */
async function plan(query: { sql: string; params: unknown[] }): Promise<string> {
  return (await rows<{ "QUERY PLAN": string }>(`EXPLAIN ${query.sql}`, query.params)).map((row) => row["QUERY PLAN"]).join("\n");
}

/** The message a statement is refused with; it fails the test when the statement goes through. */
async function refusal(query: string): Promise<string> {
  try {
    await client.query(query);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`not refused: ${query}`);
}

/**
 * Tables only PostgreSQL has, written by hand in drizzle/postgres and outside db/schema-pg.ts on
 * purpose: api_rate_buckets (0002) is the API rate limit shared by several app servers, which a
 * single SQLite process keeps in memory.
 */
const POSTGRES_ONLY_TABLES = new Set(["api_rate_buckets"]);
const ownIndexOfPostgresOnly = (name: string) => [...POSTGRES_ONLY_TABLES].some((table) => name === `${table}_pkey`);

describe("the migrations make what db/schema-pg.ts declares", () => {
  it("every table, with its columns and their nullability", async () => {
    const columns = await rows<{ table_name: string; column_name: string; is_nullable: string }>(
      "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name",
    );
    const declared = columns.filter((c) => !POSTGRES_ONLY_TABLES.has(c.table_name));
    const actual = declared.map((c) => `${c.table_name}.${c.column_name}${c.is_nullable === "NO" ? " not null" : ""}`);
    const expected = schemaTables
      .flatMap((table) => getTableConfig(table).columns.map((c) => `${getTableName(table)}.${c.name}${c.notNull ? " not null" : ""}`))
      .sort();
    expect(actual.sort()).toEqual(expected);
    expect(new Set(declared.map((c) => c.table_name)).size).toBe(schemaTables.length);
    expect(new Set(columns.filter((c) => POSTGRES_ONLY_TABLES.has(c.table_name)).map((c) => c.table_name))).toEqual(POSTGRES_ONLY_TABLES);
  });

  it("every index, and the search indexes written by hand", async () => {
    const indexes = await rows<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
    const constraintIndexes = new Set(
      schemaTables.flatMap((table) => {
        const config = getTableConfig(table);
        return [`${config.name}_pkey`, ...config.primaryKeys.map((pk) => pk.getName()), ...config.columns.filter((c) => c.isUnique).map((c) => c.uniqueName!)];
      }),
    );
    const expected = [...schemaTables.flatMap((table) => getTableConfig(table).indexes.map((index) => index.config.name!)), ...RAW_INDEXES].sort();
    expect(indexes.map((i) => i.indexname).filter((name) => !constraintIndexes.has(name) && !ownIndexOfPostgresOnly(name)).sort()).toEqual(expected);
    const search = await rows<{ indexname: string; indexdef: string }>("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY($1)", [RAW_INDEXES]);
    expect(search.map((i) => i.indexdef).every((def) => def.includes("USING gin"))).toBe(true);
  });
});

describe("the hand-written parts match the SQLite migrations' (what neither drizzle schema shows)", () => {
  const sqlite = openDatabase(":memory:").$client;
  const sqliteObjects = (type: string) => sqlite.prepare("SELECT name, tbl_name AS tableName FROM sqlite_master WHERE type = ?").all(type) as Array<{ name: string; tableName: string }>;

  it("every SQLite trigger has its PostgreSQL trigger, on the same table, and none is extra", async () => {
    // Changed or added a trigger in drizzle/*.sql? Write its PostgreSQL form in a drizzle/postgres migration.
    const sqliteTriggers = sqliteObjects("trigger").filter((t) => !FTS5_UPKEEP.test(t.name)).map((t) => `${t.tableName}.${t.name}`);
    const pgTriggers = await rows<{ name: string }>("SELECT c.relname || '.' || t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal");
    const truncateGuards = new Set(TRUNCATE_GUARDS);
    expect(pgTriggers.map((t) => t.name).filter((name) => !truncateGuards.has(name.split(".")[1])).sort()).toEqual(sqliteTriggers.sort());
  });

  it("every SQLite index is a PostgreSQL index, and every FTS5 table a GIN index", async () => {
    const declared = new Set(schemaTables.map((table) => getTableName(table)));
    const rawTables = sqliteObjects("table")
      .map((t) => t.name)
      .filter((name) => !declared.has(name) && name !== "sqlite_sequence" && name !== "__drizzle_migrations" && !/_fts_(data|idx|docsize|config|content)$/.test(name));
    expect(rawTables.sort()).toEqual(RAW_SEARCH_EQUIVALENTS.map((search) => search.sqliteTable).sort());

    const sqliteIndexes = sqliteObjects("index").map((i) => i.name).filter((name) => !name.startsWith("sqlite_autoindex_"));
    const primaryKeys = new Set(schemaTables.flatMap((table) => [`${getTableName(table)}_pkey`, ...getTableConfig(table).primaryKeys.map((pk) => pk.getName())]));
    const pgIndexes = (await rows<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).map((i) => i.indexname);
    expect(pgIndexes.filter((name) => !primaryKeys.has(name) && !ownIndexOfPostgresOnly(name)).sort()).toEqual([...sqliteIndexes, ...RAW_INDEXES].sort());
  });
});

describe("the hand-written triggers", () => {
  let claimId: number;
  let signoffId: number;

  beforeAll(async () => {
    const user = await one<{ id: number }>("INSERT INTO users (email, name, role, password_hash) VALUES ('e@example.test', 'E', 'editor', 'x') RETURNING id");
    const claim = await one<{ id: number }>("INSERT INTO claims (text, text_hash, submitter_id, updated_at) VALUES ('A claim', 'h', $1, '2026-01-01T00:00:00.000Z') RETURNING id", [user.id]);
    claimId = claim.id;
    const citation = await one<{ id: number }>(
      "INSERT INTO citations (claim_id, kind, title, quote, quote_hash, accessed_at, added_by_id) VALUES ($1, 'origin', 'T', 'Q', 'qh', '2026-01-01T00:00:00.000Z', $2) RETURNING id",
      [claimId, user.id],
    );
    const signoff = await one<{ id: number }>(
      `INSERT INTO signoffs (claim_id, action, to_state, user_id, note, claim_version, text_hash, round, prev_hash, hash, created_at)
       VALUES ($1, 'submit', 'draft', $2, 'n', 1, 'h', 1, 'genesis', 'hash-1', '2026-01-01T00:00:00.000Z') RETURNING id`,
      [claimId, user.id],
    );
    signoffId = signoff.id;
    await client.query("INSERT INTO signoff_citations (signoff_id, citation_id, quote_hash) VALUES ($1, $2, 'qh')", [signoffId, citation.id]);
    const article = await one<{ id: number }>("INSERT INTO articles (title, body, content_hash, created_by_id) VALUES ('A', 'B', 'ch', $1) RETURNING id", [user.id]);
    const summary = await one<{ id: number }>(
      "INSERT INTO summaries (article_id, slug, current_version, updated_at) VALUES ($1, 's', 1, '2026-01-01T00:00:00.000Z') RETURNING id",
      [article.id],
    );
    await client.query(
      "INSERT INTO publications (summary_id, version, title, introduction, snapshot, published_by_id, published_at) VALUES ($1, 1, 'T', 'I', '{}', $2, '2026-01-01T00:00:00.000Z')",
      [summary.id, user.id],
    );
    await client.query("INSERT INTO events (kind, claim_id, actor_id, payload, at) VALUES ('claim.submitted', $1, $2, '{}', '2026-01-01T00:00:00.000Z')", [claimId, user.id]);
  });

  it("refuse to update, delete or truncate a sign-off", async () => {
    expect(await refusal(`UPDATE signoffs SET note = 'rewritten' WHERE id = ${signoffId}`)).toContain("signoffs are append-only");
    expect(await refusal(`DELETE FROM signoffs WHERE id = ${signoffId}`)).toContain("signoffs are append-only");
    expect(await refusal("TRUNCATE signoffs CASCADE")).toContain("append-only");
    expect(await one("SELECT note, hash FROM signoffs WHERE id = $1", [signoffId])).toEqual({ note: "n", hash: "hash-1" });
  });

  it("refuse to rewrite the citations a sign-off rests on, and published versions", async () => {
    expect(await refusal("UPDATE signoff_citations SET quote_hash = 'other'")).toContain("signoff citations are append-only");
    expect(await refusal("DELETE FROM signoff_citations")).toContain("signoff citations are append-only");
    expect(await refusal("UPDATE publications SET title = 'other'")).toContain("publications are immutable");
    expect(await refusal("DELETE FROM publications")).toContain("publications are immutable");
    expect(await refusal("TRUNCATE publications")).toContain("publications are immutable");
    expect(await one("SELECT count(*)::int AS n FROM signoff_citations")).toEqual({ n: 1 });
  });

  it("let the audit trail grow, and keep the outbox's rows as recorded", async () => {
    const claim = await one<{ submitter_id: number }>("SELECT submitter_id FROM claims WHERE id = $1", [claimId]);
    await client.query(
      `INSERT INTO signoffs (claim_id, action, from_state, to_state, user_id, note, claim_version, text_hash, round, prev_hash, hash, created_at)
       VALUES ($1, 'review', 'draft', 'reviewed', $2, 'ok', 2, 'h', 1, 'hash-1', 'hash-2', '2026-01-02T00:00:00.000Z')`,
      [claimId, claim.submitter_id],
    );
    expect(await one("SELECT count(*)::int AS n FROM signoffs WHERE claim_id = $1", [claimId])).toEqual({ n: 2 });
    expect(await refusal("UPDATE events SET payload = '{\"x\":1}'")).toContain("events are append-only");
  });

  it("keep the state counts and when a claim entered its state, as SQLite's do", async () => {
    const counts = async () => Object.fromEntries((await rows<{ state: string; count: number }>("SELECT state, count FROM claim_state_counts")).map((r) => [r.state, r.count]));
    const before = await counts();
    const submitter = await one<{ id: number }>("SELECT id FROM users LIMIT 1");
    const claim = await one<{ id: number; created_at: string; entered_state_at: string }>(
      "INSERT INTO claims (text, text_hash, submitter_id, updated_at) VALUES ('Another', 'h', $1, '2026-01-01T00:00:00.000Z') RETURNING id, created_at, entered_state_at",
      [submitter.id],
    );
    expect(claim.created_at).toMatch(ISO_INSTANT);
    expect(claim.entered_state_at).toBe(claim.created_at);
    expect(await counts()).toEqual({ ...before, draft: before.draft + 1 });

    await client.query("UPDATE claims SET state = 'reviewed', updated_at = '2026-02-03T04:05:06.789Z' WHERE id = $1", [claim.id]);
    await client.query("UPDATE claims SET version = version + 1, updated_at = '2026-03-01T00:00:00.000Z' WHERE id = $1", [claim.id]);
    expect(await one("SELECT entered_state_at FROM claims WHERE id = $1", [claim.id])).toEqual({ entered_state_at: "2026-02-03T04:05:06.789Z" });
    expect(await counts()).toEqual({ ...before, reviewed: before.reviewed + 1 });

    await client.query("DELETE FROM claims WHERE id = $1", [claim.id]);
    expect(await counts()).toEqual(before);
  });
});

describe("full-text search: the shared cases, as the SQLite queue answers them", () => {
  let ids: number[];

  beforeAll(async () => {
    const submitter = await one<{ id: number }>("INSERT INTO users (email, name, role, password_hash) VALUES ('s@example.test', 'S', 'reporter', 'x') RETURNING id");
    const inserted = await db
      .insert(claims)
      .values(SEARCH_CORPUS.map((text) => ({ text, textHash: "h", submitterId: submitter.id, updatedAt: "2026-01-01T00:00:00.000Z" })))
      .returning({ id: claims.id });
    ids = inserted.map((row) => row.id);
  });

  it.each(SEARCH_CASES)("$q: $why", async ({ q, matches }) => {
    const found = await db
      .select({ id: claims.id })
      .from(claims)
      .where(and(inArray(claims.id, ids), claimTextMatches(claims.text, q)))
      .orderBy(claims.id);
    expect(found.map((row) => row.id)).toEqual(matches.map((index) => ids[index]));
  });

  it("finds a claim whose text changed by its new words only", async () => {
    await db.update(claims).set({ text: "The governor granted clemency." }).where(inArray(claims.id, [ids[5]]));
    const search = (q: string) => db.select({ id: claims.id }).from(claims).where(and(inArray(claims.id, ids), claimTextMatches(claims.text, q)));
    expect(await search("clemency governor")).toEqual([{ id: ids[5] }]);
    expect(await search("cocaine")).toEqual([]);
  });

  it("is answered by the GIN indexes, not by reading every row", async () => {
    await client.exec("SET enable_seqscan = off");
    try {
      expect(await plan(db.select({ id: claims.id }).from(claims).where(claimTextMatches(claims.text, "pardon")).toSQL())).toContain("Bitmap Index Scan on claims_search");
      const factcheckQuery = db.select({ id: factchecks.id }).from(factchecks).where(factcheckMatchesAnyWord(factchecks.claimReviewed, factchecks.headline, ["pardon", "clemency"]));
      expect(await plan(factcheckQuery.toSQL())).toContain("Bitmap Index Scan on factchecks_search");
    } finally {
      await client.exec("RESET enable_seqscan");
    }
  });

  it("finds an imported fact-check by a word of its claim or of its headline", async () => {
    await db.insert(factchecks).values([
      { url: "https://example.test/1", claimReviewed: "Alice Johnson was pardoned", headline: null, contentHash: "a", updatedAt: "2026-01-01T00:00:00.000Z" },
      { url: "https://example.test/2", claimReviewed: "A sentence was commuted", headline: "Clemency for a grandmother", contentHash: "b", updatedAt: "2026-01-01T00:00:00.000Z" },
    ]);
    const found = await db
      .select({ url: factchecks.url })
      .from(factchecks)
      .where(factcheckMatchesAnyWord(factchecks.claimReviewed, factchecks.headline, ["grandmothers", "pardon"]))
      .orderBy(factchecks.url);
    expect(found.map((row) => row.url)).toEqual(["https://example.test/1", "https://example.test/2"]);
  });
});

describe("the same rows come back from both engines", () => {
  it("defaults, booleans, enums, nulls and JSON text read back alike through drizzle", async () => {
    const sqlite = openDatabase(":memory:");
    const at = "2026-01-01T00:00:00.000Z";
    const user = { email: "same@example.test", name: "Same", role: "editor" as const, passwordHash: "x" };
    const [sqliteUser] = sqlite.insert(sqliteSchema.users).values(user).returning().all();
    const [pgUser] = await db.insert(pgSchema.users).values(user).returning();
    const webhook = { url: "https://hooks.example.test/x", eventKinds: '["claim.verified"]', secret: "s", createdById: null, createdAt: at, updatedAt: at };
    const [sqliteHook] = sqlite.insert(sqliteSchema.webhooks).values(webhook).returning().all();
    const [pgHook] = await db.insert(pgSchema.webhooks).values(webhook).returning();
    const [sqlitePrefs] = sqlite.insert(sqliteSchema.notificationPreferences).values({ userId: sqliteUser.id, updatedAt: at }).returning().all();
    const [pgPrefs] = await db.insert(pgSchema.notificationPreferences).values({ userId: pgUser.id, updatedAt: at }).returning();

    const { id: _a, createdAt: sqliteCreated, ...sqliteRest } = sqliteUser;
    const { id: _b, createdAt: pgCreated, ...pgRest } = pgUser;
    expect(pgRest).toEqual(sqliteRest);
    expect(pgRest.disabled).toBe(false);
    expect(pgCreated).toMatch(ISO_INSTANT);
    expect(sqliteCreated).toMatch(ISO_INSTANT);
    expect({ ...pgHook, id: 0 }).toEqual({ ...sqliteHook, id: 0 });
    expect(pgHook.active).toBe(true);
    expect({ ...pgPrefs, userId: 0 }).toEqual({ ...sqlitePrefs, userId: 0 });
    expect(pgPrefs).toMatchObject({ mutedKinds: "[]", emailMode: "off" });
  });
});
