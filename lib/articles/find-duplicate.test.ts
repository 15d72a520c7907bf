import { describe, expect, it } from "vitest";
import { tablesOf } from "@/db/tables";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { articleContentHash, createArticle } from "./articles";
import { findArticleWithText } from "./find-duplicate";

const BODY = "Alice Marie Johnson, 63, was released on Wednesday after President Trump commuted her sentence.";

onEveryEngine("findArticleWithText", (database) => {
  it("finds the article with the same text, whitespace aside", async () => {
    const db = database();
    const { articles } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter");
    const body = `${BODY} (${reporter.id})`;
    const [created] = await db.insert(articles).values({ title: "Released", body, contentHash: articleContentHash(body), createdById: reporter.id }).returning();
    expect(await findArticleWithText(db, `  ${body.replace(/ /g, "\n  ")}\r\n`)).toEqual({ id: created.id, title: "Released" });
  });

  it("is null for text not on the desk", async () => {
    expect(await findArticleWithText(database(), `${BODY} Never added.`)).toBeNull();
  });
});

describe("findArticleWithText and createArticle", () => {
  it("finds the article createArticle would refuse as already on the desk", async () => {
    const db = createTestDb();
    const reporter = createTestUser(db, "reporter");
    const created = await createArticle(db, reporter, { title: "Released", body: BODY });
    if (!created.ok) throw new Error(created.error.message);
    expect(await findArticleWithText(db, `  ${BODY.replace(/ /g, "\n  ")}\r\n`)).toEqual({ id: created.value.id, title: "Released" });
    expect(await createArticle(db, reporter, { title: "Again", body: `${BODY}\n` })).toMatchObject({ ok: false, error: { code: "conflict", details: { existingArticleId: created.value.id } } });
  });
});
