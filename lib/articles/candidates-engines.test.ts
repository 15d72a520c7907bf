import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { tablesOf } from "@/db/tables";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { createArticle } from "./articles";
import { articleCandidates, clearCandidateCaches, loadArticleCandidates } from "./candidates";
import { articlesMissingFacts, articleTitles, ensureArticleFacts, FACTS_EXTRACTOR } from "./facts";

const tag = () => Math.random().toString(36).slice(2, 8);
const AGE_63 = (name: string) => `${name} Johnson, a 63-year-old great-grandmother, walked out of prison on Wednesday.\n\nShare this article on Facebook`;
const AGE_62 = (name: string) => `Kim Kardashian lobbied for ${name} Johnson.\n\nJohnson is 62 years old and has spent 21 years behind bars.`;

onEveryEngine("article candidates and stored facts", (database) => {
  it("finds the conflict with another article from the stored facts and names the claim made from a sentence", async () => {
    clearCandidateCaches();
    const db = database();
    const { citations, claims } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter");
    const name = `Alice${tag()}`;
    const add = async (title: string, body: string) => {
      const created = await createArticle(db, reporter, { title, body });
      if (!created.ok) throw new Error(created.error.message);
      return created.value;
    };
    const older = await add("Freed at 63", AGE_63(name));
    const newer = await add("Still 62", AGE_62(name));
    const quote = "Johnson is 62 years old and has spent 21 years behind bars.";
    const [claim] = await db.insert(claims).values({ text: "Johnson is 62.", textHash: `h-${newer.id}`, articleId: newer.id, submitterId: reporter.id, updatedAt: new Date().toISOString() }).returning();
    await db.insert(citations).values({ claimId: claim.id, kind: "origin", title: "Still 62", articleId: newer.id, quote, quoteHash: `q-${claim.id}`, quoteStart: null, quoteEnd: null, accessedAt: "2026-12-03", addedById: reporter.id });

    const loaded = await loadArticleCandidates(db, newer.id);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const sentence = loaded.value.find((candidate) => candidate.text === quote);
    expect(sentence?.conflicts).toMatchObject([{ kind: "age", otherArticleId: older.id, otherArticleTitle: "Freed at 63" }]);
    expect(sentence?.claims).toEqual([{ id: claim.id, state: "draft", text: "Johnson is 62." }]);
    expect(await articleCandidates(db, newer.id)).toEqual(loaded.value);
    expect(await loadArticleCandidates(db, newer.id + 10_000)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await articleTitles(db, [older.id, newer.id])).toEqual(new Map([[older.id, "Freed at 63"], [newer.id, "Still 62"]]));
  });

  it("redoes the facts of an article whose stored facts are from another extractor", async () => {
    const db = database();
    const { articleFactSets } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter");
    const created = await createArticle(db, reporter, { title: "Stale", body: AGE_63(`Bea${tag()}`) });
    if (!created.ok) throw new Error(created.error.message);
    await db.update(articleFactSets).set({ extractor: "0:old" }).where(eq(articleFactSets.articleId, created.value.id));
    expect(await articlesMissingFacts(db)).toContainEqual({ id: created.value.id, chars: created.value.body.length });
    await ensureArticleFacts(db);
    expect((await articlesMissingFacts(db)).map((missing) => missing.id)).not.toContain(created.value.id);
    expect(await db.select({ extractor: articleFactSets.extractor }).from(articleFactSets).where(eq(articleFactSets.articleId, created.value.id))).toEqual([{ extractor: FACTS_EXTRACTOR }]);
  });
});
