import { beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { articleFacts, articleFactSets, articles } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { articleContentHash, createArticle } from "./articles";
import { articleCandidates, clearCandidateCaches, loadArticleCandidates } from "./candidates";
import { FACTS_EXTRACTOR, INLINE_FACTS_CHARS } from "./facts";

const AGE_63 = [
  "Alice Marie Johnson, a 63-year-old great-grandmother, walked out of prison on Wednesday.",
  "Johnson was sentenced in 1996 to life without parole for a first-time drug offense.",
].join("\n\n");
const AGE_62 = [
  "Kim Kardashian lobbied the White House for clemency for Alice Marie Johnson.",
  "Johnson is 62 years old and has spent 21 years behind bars.",
  "Johnson was convicted in 1997 for her role in a cocaine ring.",
].join("\n\n");

// Long articles as a pasted web page often is: one line, no paragraph breaks. Each differs in its numbers.
function longArticle(chars: number, seed: number): string {
  const sentences = [
    `Officials in Harbour City ${seed} said the ferry carried ${seed + 10} passengers across the bay on Tuesday.`,
    "The council approved a budget of 4 million dollars for road repairs after a long debate.",
    `Mayor Jane Smith, ${40 + (seed % 20)} years old, praised the vote and thanked the residents who came.`,
    "Alice Marie Johnson, a 63-year-old great-grandmother, was mentioned in the speech as an example.",
    `Work on the bridge began in ${1990 + (seed % 30)} and is expected to finish within the decade.`,
  ];
  let out = "";
  for (let i = 0; out.length < chars; i++) out += `${sentences[i % sentences.length]} `;
  return out.slice(0, chars).trim();
}

let db: Db;
let reporter: Actor;

async function add(title: string, body: string): Promise<number> {
  const result = await createArticle(db, reporter, { title, body });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.id;
}

/** An article as it was stored before facts were: no fact rows, no fact set. */
function addLegacy(title: string, body: string): number {
  return db.insert(articles).values({ title, body, contentHash: articleContentHash(body), createdById: reporter.id }).returning().get().id;
}

// Sorted by kind: candidates come best first, and which sentence the model ranks higher is not what these tests are about.
const conflictsOf = async (id: number) =>
  (await articleCandidates(db, id))!
    .flatMap((c) => c.conflicts.map((x) => ({ kind: x.kind, values: x.values, other: x.otherArticleId })))
    .sort((x, y) => x.kind.localeCompare(y.kind));

beforeEach(() => {
  clearCandidateCaches();
  db = createTestDb();
  reporter = createTestUser(db, "reporter", "Rita Reporter");
});

describe("article facts", () => {
  it("are extracted once, when the article is added: the conflict check never reads another article's text again", async () => {
    const a = await add("Freed", AGE_63);
    const b = await add("Lobbying", AGE_62);
    const stored = db.select().from(articleFacts).where(eq(articleFacts.articleId, b)).all();
    expect(stored.map((f) => [f.kind, f.key, f.value])).toEqual(expect.arrayContaining([["age", "age", "62"], ["year", "conviction", "1997"]]));
    expect(db.select().from(articleFactSets).where(eq(articleFactSets.articleId, b)).get()).toMatchObject({ extractor: FACTS_EXTRACTOR });

    // Were the other article re-read, blanking its text (which the product never does) would hide the conflicts.
    db.$client.prepare("UPDATE articles SET body = 'Nothing here.' WHERE id = ?").run(b);
    clearCandidateCaches();
    expect(await conflictsOf(a)).toEqual([
      { kind: "age", values: ["63", "62"], other: b },
      { kind: "year", values: ["1996", "1997"], other: b },
    ]);
  });

  it("are looked up by kind and key through an index", () => {
    const plan = db.$client
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM article_facts WHERE kind = ? AND key = ? AND article_id != ?")
      .all("age", "age", 1) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join("\n")).toMatch(/USING INDEX article_facts_kind_key \(kind=\? AND key=\?/);
  });

  it("keep the candidates of a new article fast with long articles on the desk", async () => {
    // Before facts were stored, every long article was split again for each new article's candidates
    // (about 20 s for five 400,000-character articles).
    for (let i = 0; i < 3; i++) await add(`Long ${i}`, longArticle(400_000, i));
    const fresh = await add("Fresh", `${AGE_62}\n\n${longArticle(8_000, 99)}`);
    const started = performance.now();
    const candidates = (await articleCandidates(db, fresh))!;
    const took = performance.now() - started;
    expect(candidates.flatMap((c) => c.conflicts).some((c) => c.kind === "age" && c.values.join() === "62,63")).toBe(true);
    expect(took).toBeLessThan(1_500);
  }, 120_000);

  it("are computed on first need for articles added before facts were stored, then kept", async () => {
    const a = addLegacy("Freed", AGE_63);
    const b = addLegacy("Lobbying", AGE_62);
    expect(db.select().from(articleFactSets).all()).toEqual([]);
    expect((await conflictsOf(a)).map((c) => c.other)).toEqual([b, b]);
    expect(db.select({ id: articleFactSets.articleId }).from(articleFactSets).all().map((r) => r.id).sort()).toEqual([a, b]);
    const rowsBefore = db.select().from(articleFacts).all();
    await conflictsOf(b);
    expect(db.select().from(articleFacts).all()).toEqual(rowsBefore);
  });

  it("are extracted again when they came from another version of the extractor", async () => {
    const a = await add("Freed", AGE_63);
    const b = await add("Lobbying", AGE_62);
    db.delete(articleFacts).where(eq(articleFacts.articleId, b)).run();
    db.update(articleFactSets).set({ extractor: "0:older" }).where(eq(articleFactSets.articleId, b)).run();
    expect((await conflictsOf(a)).map((c) => c.other)).toEqual([b, b]);
    expect(db.select().from(articleFactSets).where(eq(articleFactSets.articleId, b)).get()?.extractor).toBe(FACTS_EXTRACTOR);
  });
});

describe("loadArticleCandidates", () => {
  it("does the heavy work of long articles on worker threads and answers as articleCandidates does", async () => {
    const legacy = addLegacy("Long legacy", `${AGE_63}\n\n${longArticle(INLINE_FACTS_CHARS + 10_000, 3)}`);
    const long = await add("Long new", `${AGE_62} ${longArticle(INLINE_FACTS_CHARS + 20_000, 4)}`);
    const loaded = await loadArticleCandidates(db, long);
    expect(loaded.ok).toBe(true);
    // The legacy article's facts were computed off this thread and stored.
    expect(db.select().from(articleFactSets).where(eq(articleFactSets.articleId, legacy)).get()?.extractor).toBe(FACTS_EXTRACTOR);
    clearCandidateCaches();
    expect(loaded.ok && loaded.value).toEqual(await articleCandidates(db, long));
    expect(loaded.ok && loaded.value.flatMap((c) => c.conflicts).some((c) => c.otherArticleId === legacy)).toBe(true);
    expect(await loadArticleCandidates(db, 9999)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(db.select({ n: sql<number>`count(*)` }).from(articleFactSets).get()?.n).toBe(2);
  }, 120_000);
});
