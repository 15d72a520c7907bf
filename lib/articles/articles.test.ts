import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { articles } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { eq } from "drizzle-orm";
import { tablesOf } from "@/db/tables";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { articleContentHash, createArticle, getArticle, listArticles, listArticleTitles } from "./articles";
import { existingArticleFrom } from "./duplicate";
import { FACTS_EXTRACTOR } from "./facts";
import { findArticleWithText } from "./find-duplicate";

/** What adding a text already on the desk answers: a conflict naming the article there, no events. */
function alreadyOnDesk(existingArticleId: number | false, existingArticleTitle: string) {
  return {
    ok: false,
    events: [],
    error: {
      code: "conflict",
      message: `This text is already on the desk as “${existingArticleTitle}”.`,
      details: { existingArticleId, existingArticleTitle },
    },
  };
}

const BODY = "Alice Marie Johnson, 63, walked out of prison on Wednesday after the president commuted her life sentence.";

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** Two connections to one database file, as two server processes would have. */
function twoConnections(): { first: Db; second: Db } {
  const dir = mkdtempSync(path.join(tmpdir(), "factdesk-articles-"));
  const file = path.join(dir, "desk.db");
  const first = openDatabase(file);
  const second = openDatabase(file);
  // The second writer gives up at once instead of waiting for the first one's lock.
  second.$client.pragma("busy_timeout = 0");
  cleanups.push(() => {
    first.$client.close();
    second.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { first, second };
}

/** Runs `during` on the way into `db`'s insert of an article: after its duplicate check, before its insert. */
function beforeArticleInsert(db: Db, during: () => void): void {
  const client = db.$client;
  const prepare = client.prepare.bind(client);
  let done = false;
  client.prepare = ((source: string) => {
    if (!done && /^insert into "articles"/i.test(source)) {
      done = true;
      during();
    }
    return prepare(source);
  }) as typeof client.prepare;
}

describe("createArticle", () => {
  it("offers the existing article, by id and title, when the same text (whitespace aside) is added again", async () => {
    const db = createTestDb();
    const reporter = createTestUser(db, "reporter");
    const first = await createArticle(db, reporter, { title: "Johnson freed", body: BODY });
    expect(first.ok).toBe(true);
    const again = await createArticle(db, reporter, { title: "A copy", body: `  ${BODY.replace(/ /g, "\n ")}\n` });
    expect(again).toEqual(alreadyOnDesk(first.ok && first.value.id, "Johnson freed"));
  });

  it("tells the add-article form the title on the desk, not the title typed for the copy", async () => {
    const db = createTestDb();
    const reporter = createTestUser(db, "reporter");
    const first = await createArticle(db, reporter, { title: "Johnson freed", body: BODY });
    if (!first.ok) throw new Error(first.error.message);
    const copy = await createArticle(db, reporter, { title: "A copy", body: BODY });
    expect(existingArticleFrom(copy.ok ? undefined : copy.error)).toEqual({ id: first.value.id, title: "Johnson freed" });
    // Other refusals name no existing article.
    const invalid = await createArticle(db, reporter, { title: "", body: BODY });
    expect(existingArticleFrom(invalid.ok ? undefined : invalid.error)).toBeNull();
  });

  it("holds the write lock from the duplicate check to the insert, so another connection cannot add the same text in between", async () => {
    const { first, second } = twoConnections();
    const reporter: Actor = createTestUser(first, "reporter");
    let racer: string | undefined;
    beforeArticleInsert(first, () => {
      try {
        second
          .insert(articles)
          .values({ title: "Racer", body: BODY, contentHash: articleContentHash(BODY), createdById: reporter.id })
          .run();
        racer = "inserted";
      } catch (error) {
        racer = (error as { code?: string }).code;
      }
    });

    const created = await createArticle(first, reporter, { title: "Johnson freed", body: BODY });
    expect(racer).toBe("SQLITE_BUSY");
    expect(created).toMatchObject({ ok: true, value: { title: "Johnson freed" } });
    // Once the first commit is done, the second connection is told the text is already on the desk.
    expect(await createArticle(second, reporter, { title: "Racer", body: BODY })).toMatchObject({
      ok: false,
      error: { code: "conflict", details: { existingArticleId: created.ok && created.value.id, existingArticleTitle: "Johnson freed" } },
    });
  });

  it("answers a unique-index refusal with the same conflict, never an exception (a 500)", async () => {
    const db = createTestDb();
    const reporter = createTestUser(db, "reporter");
    const existing = await createArticle(db, reporter, { title: "Johnson freed", body: BODY });
    if (!existing.ok) throw new Error(existing.error.message);
    // The first look-up misses the row, as a check would that ran just before another writer's commit.
    let blinded = false;
    const blind = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(object, property, receiver) {
          if (property === "select" && !blinded) {
            blinded = true;
            return () => ({ from: () => ({ where: () => ({ limit: () => Promise.resolve([]) }) }) });
          }
          if (property === "transaction") {
            const transaction = Reflect.get(object, property, receiver) as Db["transaction"];
            return ((work, config) => transaction.call(object, (tx) => work(blind(tx)), config)) as Db["transaction"];
          }
          const value = Reflect.get(object, property, receiver);
          return typeof value === "function" ? value.bind(object) : value;
        },
      });

    const result = await createArticle(blind(db), reporter, { title: "A copy", body: BODY });
    expect(blinded).toBe(true);
    expect(result).toEqual({
      ok: false,
      events: [],
      error: {
        code: "conflict",
        message: "This text is already on the desk as “Johnson freed”.",
        details: { existingArticleId: existing.value.id, existingArticleTitle: "Johnson freed" },
      },
    });
    expect(db.select().from(articles).all()).toHaveLength(1);
  });
});

onEveryEngine("articles", (database, engine) => {
  const bodyOf = (tag: string) => `${BODY} (${tag} ${Math.random().toString(36).slice(2)})`;

  it("adds an article with its facts and event, and offers it back for the same text", async () => {
    const db = database();
    const { articleFactSets } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter");
    const body = bodyOf("added");
    const first = await createArticle(db, reporter, { title: "Johnson freed", body });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.events).toMatchObject([{ kind: "article.added", articleId: first.value.id, title: "Johnson freed", actorId: reporter.id }]);
    expect(await db.select().from(articleFactSets).where(eq(articleFactSets.articleId, first.value.id))).toMatchObject([{ extractor: FACTS_EXTRACTOR }]);
    expect(await findArticleWithText(db, body)).toEqual({ id: first.value.id, title: "Johnson freed" });
    const again = await createArticle(db, reporter, { title: "A copy", body: `  ${body.replace(/ /g, "\n ")}\n` });
    expect(again).toEqual(alreadyOnDesk(first.value.id, "Johnson freed"));
  });

  it("reads an article, the newest titles and a page of the list with claim counts as numbers", async () => {
    const db = database();
    const { claims } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter");
    const made = [];
    for (const title of ["Older", "Newer"]) {
      const created = await createArticle(db, reporter, { title, body: bodyOf(title) });
      if (!created.ok) throw new Error(created.error.message);
      made.push(created.value);
    }
    const [older, newer] = made;
    await db.insert(claims).values([1, 2].map((n) => ({ text: `Claim ${n}`, textHash: `h-${older.id}-${n}`, articleId: older.id, submitterId: reporter.id, updatedAt: new Date().toISOString() })));
    expect(await getArticle(db, older.id)).toEqual(older);
    expect(await getArticle(db, newer.id + 1000)).toBeNull();
    expect((await listArticleTitles(db, 2)).slice(0, 2)).toEqual([{ id: newer.id, title: "Newer" }, { id: older.id, title: "Older" }]);
    const page = await listArticles(db, { limit: 1 });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.data).toMatchObject([{ id: newer.id, claimCount: 0 }]);
    const next = await listArticles(db, { limit: 1, cursor: page.value.nextCursor });
    if (!next.ok) throw new Error(next.error.message);
    expect(next.value.data).toMatchObject([{ id: older.id, claimCount: 2, excerpt: older.body.slice(0, 240) }]);
    expect(next.value.data[0]).not.toHaveProperty("body");
    expect(await listArticles(db, { cursor: "not-a-cursor" })).toMatchObject({ ok: false });
  });

  it.skipIf(engine === "SQLite")("gives two racing additions of one text one article and the same conflict for the other", async () => {
    const db = database();
    const { articles } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter");
    const body = bodyOf("race");
    for (let round = 0; round < 3; round++) {
      const text = `${body} round ${round}`;
      const results = await Promise.all([createArticle(db, reporter, { title: "One", body: text }), createArticle(db, reporter, { title: "Two", body: text })]);
      const won = results.filter((result) => result.ok);
      expect(won).toHaveLength(1);
      const winner = won[0].ok ? won[0].value : undefined;
      expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, events: [], error: { code: "conflict", details: { existingArticleId: winner?.id } } });
      expect(await db.select().from(articles).where(eq(articles.contentHash, articleContentHash(text)))).toHaveLength(1);
    }
  });
});
