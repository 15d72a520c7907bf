import { describe, expect, it } from "vitest";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { createArticle } from "./articles";
import { findArticleWithText } from "./find-duplicate";

const BODY = "Alice Marie Johnson, 63, was released on Wednesday after President Trump commuted her sentence.";

describe("findArticleWithText", () => {
  it("finds the article with the same text, whitespace aside, as createArticle would refuse it", async () => {
    const db = createTestDb();
    const reporter = createTestUser(db, "reporter");
    const created = await createArticle(db, reporter, { title: "Released", body: BODY });
    if (!created.ok) throw new Error(created.error.message);
    expect(findArticleWithText(db, `  ${BODY.replace(/ /g, "\n  ")}\r\n`)).toEqual({ id: created.value.id, title: "Released" });
    expect(await createArticle(db, reporter, { title: "Again", body: `${BODY}\n` })).toMatchObject({ ok: false, error: { code: "conflict", details: { existingArticleId: created.value.id } } });
  });

  it("is null for text not on the desk", () => {
    const db = createTestDb();
    expect(findArticleWithText(db, BODY)).toBeNull();
  });
});
