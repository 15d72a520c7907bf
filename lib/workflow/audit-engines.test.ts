/**
 * The audit chain on both engines (#17 item 2): sign-offs appended through appendSignoff chain and
 * verify on SQLite, PGlite and a real server; the append-only triggers refuse the domain's own
 * update and delete builders on each; the same sign-offs hash to the same bytes on SQLite and
 * PostgreSQL; and on a real server, sign-offs appended at once from two pools still form one chain.
 */
import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { asc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { openPostgres, postgresMigrationsFolder, type PgDb } from "@/db/client-pg";
import * as pgSchema from "@/db/schema-pg";
import { tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { transact } from "@/lib/core/transaction";
import { onEveryEngine } from "@/lib/testing/engines";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { appendSignoff, signedCitation, verifyAuditChain } from "./audit";
import { sha256Hex } from "./hash";
import { createDeskOn, QUOTE, QUOTE_START, unwrap, type Desk } from "./test-fixtures";

/** A draft claim with its revision and origin citation, and the submit sign-off resting on it, in one transaction. */
async function signedClaim(db: Db, desk: Desk, text: string, by: Actor = desk.reporter) {
  return unwrap(
    await transact(db, async (tx) => {
      const { claims, claimRevisions, citations } = tablesOf(tx);
      const now = new Date().toISOString();
      const textHash = sha256Hex(text);
      const [claim] = await tx
        .insert(claims)
        .values({ text, textHash, state: "draft", version: 1, round: 1, articleId: desk.articleId, submitterId: by.id, createdAt: now, updatedAt: now, enteredStateAt: now })
        .returning();
      await tx.insert(claimRevisions).values({ claimId: claim!.id, version: 1, text, textHash, editedById: by.id, note: null, createdAt: now });
      const [origin] = await tx
        .insert(citations)
        .values({
          claimId: claim!.id,
          kind: "origin",
          url: null,
          documentRef: null,
          title: "Clemency",
          publisher: null,
          quote: QUOTE,
          quoteHash: sha256Hex(QUOTE),
          articleId: desk.articleId,
          quoteStart: QUOTE_START,
          quoteEnd: QUOTE_START + QUOTE.length,
          accessedAt: now,
          addedById: by.id,
          createdAt: now,
        })
        .returning();
      const signoff = await appendSignoff(tx, {
        claimId: claim!.id,
        action: "submit",
        fromState: null,
        toState: "draft",
        userId: by.id,
        note: "Submitted",
        verdict: null,
        claimVersion: 1,
        textHash,
        round: 1,
        citations: [signedCitation(origin!)],
      });
      return { claim: claim!, origin: origin!, signoff };
    }),
  );
}

/** The database's reason for refusing a statement (drizzle wraps PostgreSQL's error as its cause). */
async function refusal(statement: PromiseLike<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return [error, cause].map((e) => (e instanceof Error ? e.message : "")).join(" | ");
  }
  throw new Error("the statement was not refused");
}

type SignedClaim = Awaited<ReturnType<typeof signedClaim>>;

/**
 * One more submit sign-off on a claim already signed (the chain still verifies: it leaves the claim
 * where it is), in a transaction that writes nothing else, so nothing but the chain can order two of
 * them (a new claim would queue on the claim_state_counts row). `afterAppend` runs before COMMIT.
 */
async function signAgain(db: Db, made: SignedClaim, afterAppend?: () => Promise<void>) {
  return unwrap(
    await transact(db, async (tx) => {
      const { origin, signoff } = made;
      const { claimId, action, toState, userId, claimVersion, textHash, round } = signoff;
      const appended = await appendSignoff(tx, {
        claimId,
        action,
        fromState: null,
        toState,
        userId,
        note: "Signed again",
        verdict: null,
        claimVersion,
        textHash,
        round,
        citations: [signedCitation(origin)],
      });
      await afterAppend?.();
      return appended;
    }),
  );
}

onEveryEngine("the audit chain", (database) => {
  it("chains every sign-off onto the one before it and verifies the chain", async () => {
    const db = database();
    const desk = await createDeskOn(db);
    const first = await signedClaim(db, desk, "The first claim of the chain.");
    const second = await signedClaim(db, desk, "The second claim of the chain.", desk.otherReporter);
    expect(second.signoff.id).toBe(first.signoff.id + 1);
    expect(second.signoff.prevHash).toBe(first.signoff.hash);
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ ok: true, problems: [], headHash: second.signoff.hash });
    expect(report.count).toBeGreaterThanOrEqual(2);
  });

  it("refuses the domain's own update and delete of sign-offs and their citation links (append-only triggers)", async () => {
    const db = database();
    const { signoffs, signoffCitations } = tablesOf(db);
    const desk = await createDeskOn(db);
    const { signoff } = await signedClaim(db, desk, "A claim whose sign-off nobody may rewrite.");
    expect(await refusal(db.update(signoffs).set({ note: "Rewritten" }).where(eq(signoffs.id, signoff.id)))).toMatch(/append-only/);
    expect(await refusal(db.delete(signoffs).where(eq(signoffs.id, signoff.id)))).toMatch(/append-only/);
    expect(await refusal(db.update(signoffCitations).set({ quoteHash: "x" }).where(eq(signoffCitations.signoffId, signoff.id)))).toMatch(/append-only/);
    expect(await refusal(db.delete(signoffCitations).where(eq(signoffCitations.signoffId, signoff.id)))).toMatch(/append-only/);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, headHash: signoff.hash });
  });

  // Last in the block: it leaves the shared database's chain broken.
  it("names the sign-off resting on a citation edited afterwards (citations have no trigger)", async () => {
    const db = database();
    const { citations } = tablesOf(db);
    const desk = await createDeskOn(db);
    const { origin, signoff } = await signedClaim(db, desk, "A claim whose source is edited later.");
    await db.update(citations).set({ quote: "Something the article never said." }).where(eq(citations.id, origin.id));
    const report = await verifyAuditChain(db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { signoffId: signoff.id, claimId: signoff.claimId, citationId: origin.id, reason: expect.stringContaining("whose quoted passage was changed") },
    ]);
  });
});

describe("the same sign-offs on SQLite and PostgreSQL", () => {
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    for (const close of closers) await close();
  });

  async function chainOn(db: Db) {
    const desk = await createDeskOn(db);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-03T10:00:00.000Z"));
    await signedClaim(db, desk, "The county spent $48 million on road repairs last year.");
    vi.setSystemTime(new Date("2026-12-03T10:00:01.500Z"));
    // Text a hash must see as the database stores it: accents, an emoji, a quote and a backslash.
    await signedClaim(db, desk, "Zoë said “it’s 100% true” 🙂 \\ twice.", desk.otherReporter);
    vi.useRealTimers();
    const { signoffs } = tablesOf(db);
    return { rows: await db.select().from(signoffs).orderBy(asc(signoffs.id)), report: await verifyAuditChain(db) };
  }

  it("hashes byte for byte alike, so a desk moved between them verifies unchanged", async () => {
    const sqlite = openDatabase(":memory:");
    closers.push(() => void sqlite.$client.close());
    const client = new PGlite({ extensions: { unaccent } });
    closers.push(() => client.close());
    const pglite = drizzle(client, { schema: pgSchema });
    await migrate(pglite, { migrationsFolder: postgresMigrationsFolder() });

    const onSqlite = await chainOn(sqlite);
    const onPostgres = await chainOn(pglite as unknown as Db);
    expect(onSqlite.rows).toHaveLength(2);
    expect(onPostgres.rows).toEqual(onSqlite.rows);
    expect(onPostgres.report).toEqual(onSqlite.report);
    expect(onSqlite.report).toMatchObject({ ok: true, count: 2, headHash: onSqlite.rows[1]!.hash });
  });
});

describe.skipIf(!TEST_PG_URL)("sign-offs appended at once on a real PostgreSQL server", () => {
  let scratch: ScratchDatabase | undefined;
  const pools: PgDb[] = [];
  afterAll(async () => {
    for (const pool of pools) await pool.$client.end();
    await scratch?.drop();
  });

  it("queue behind the chain's lock: two pools appending together still make one verified chain", async () => {
    scratch = await scratchDatabase("factdesk_audit_race");
    pools.push(await openPostgres(scratch.url, { max: 5 }), await openPostgres(scratch.url, { max: 5, migrate: false }));
    const [a, b] = pools.map((pool) => pool as unknown as Db);
    const desk = await createDeskOn(a!);

    const claims = [await signedClaim(a!, desk, "A claim signed again while held open."), await signedClaim(a!, desk, "A claim signed again meanwhile.")];

    // One append has read the head and written its row but not committed; another starts from the other pool.
    let appended!: () => void;
    let commit!: () => void;
    const wrote = new Promise<void>((resolve) => (appended = resolve));
    const held = signAgain(a!, claims[0]!, () => (appended(), new Promise<void>((resolve) => (commit = resolve))));
    await wrote;
    let secondDone = false;
    const second = signAgain(b!, claims[1]!).finally(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondDone).toBe(false); // it waits for the head the held append leaves
    commit();
    const [first, next] = await Promise.all([held, second]);
    expect(next).toMatchObject({ id: first.id + 1, prevHash: first.hash });

    const burst = await Promise.all(
      Array.from({ length: 24 }, (_, i) => signAgain(i % 2 === 0 ? a! : b!, claims[i % 2]!)),
    );
    const ids = burst.map((signoff) => signoff.id).sort((x, y) => x - y);
    expect(ids).toEqual(Array.from({ length: 24 }, (_, i) => i + 5));
    const report = await verifyAuditChain(b!);
    expect(report).toMatchObject({ ok: true, count: 28, problems: [] });
  });
});
