import { expect, it } from "vitest";
import { tablesOf } from "@/db/tables";
import type { ClaimState } from "@/lib/core/vocabulary";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { articleContentHash } from "./articles";
import { claimCountsByArticle } from "./claim-counts";

onEveryEngine("claimCountsByArticle", (database) => {
  it("counts each article's claims per state, as numbers, with zeros for articles without claims", async () => {
    const db = database();
    const { articles, claims } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter");
    const article = async (title: string) => {
      const body = `${title} body ${reporter.id}`;
      const [row] = await db.insert(articles).values({ title, body, contentHash: articleContentHash(body), createdById: reporter.id }).returning();
      return row.id;
    };
    const [first, second, empty] = [await article("First"), await article("Second"), await article("Empty")];
    const states: Array<[number, ClaimState]> = [[first, "draft"], [first, "draft"], [first, "verified"], [second, "reviewed"]];
    const now = new Date().toISOString();
    await db.insert(claims).values(states.map(([articleId, state], n) => ({ text: `Claim ${n}`, textHash: `hash-${reporter.id}-${n}`, state, articleId, submitterId: reporter.id, updatedAt: now })));

    const counts = await claimCountsByArticle(db, [first, second, empty]);
    expect(counts.get(first)).toEqual({ draft: 2, reviewed: 0, verified: 1, total: 3 });
    expect(counts.get(second)).toEqual({ draft: 0, reviewed: 1, verified: 0, total: 1 });
    expect(counts.get(empty)).toEqual({ draft: 0, reviewed: 0, verified: 0, total: 0 });
    expect(typeof counts.get(first)!.total).toBe("number");
    expect((await claimCountsByArticle(db, [])).size).toBe(0);
  });
});
