import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { firstRow, tablesOf } from "@/db/tables";
import { type Verdict } from "@/lib/core/vocabulary";
import { onEveryEngine } from "@/lib/testing/engines";
import { submit } from "@/lib/workflow/test-fixtures";
import { publishSummary, withdrawSummary } from "./publish";
import { getEditorSummaryState, getPublicSummary, listPublicSummaries } from "./queries";
import { buildSnapshot } from "./snapshot";
import { firstFreeSlugOf, slugify } from "./slug";
import { createPublishDeskOn, refusal, unwrap, type PublishDesk } from "./test-helpers";

const INTRO = "Reports about the 2018 clemency disagreed on small facts; here is what we checked.";

// A fresh database per test: the tests count whole tables and expect addresses no other test took.
onEveryEngine("publishing summaries", (database) => {
  let desk: PublishDesk;
  beforeEach(async () => {
    desk = await createPublishDeskOn(database());
  }, 60_000);

  const publish = (input: Record<string, unknown>, actor = desk.editorA) =>
    publishSummary(desk.db, actor, desk.articleId, { title: "What we checked about the clemency", introduction: INTRO, ...input });

  /** Another article with one verified claim; returns its id. */
  async function withOtherArticle(title: string, verdict: Verdict): Promise<number> {
    const { articles } = tablesOf(desk.db);
    const [other] = await desk.db
      .insert(articles)
      .values({ title, body: `Body of ${title}`, contentHash: `hash-${title}`, createdById: desk.reporter.id })
      .returning();
    await desk.verified(`A checkable claim from ${title} about the case.`, verdict, other.id);
    return other.id;
  }

  const count_ = async (table: "publications" | "summaries") => {
    const [row] = await desk.db.select({ n: count() }).from(tablesOf(desk.db)[table]);
    return row.n;
  };

  describe("snapshot building", () => {
    it("freezes verified claims with verdict, explanation, citations and who signed off when", async () => {
      const claim = await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      await submit(desk, desk.reporter, "A draft claim that is not verified yet at all.");
      const snapshot = unwrap(await buildSnapshot(desk.db, desk.articleId));
      expect(snapshot.claims).toHaveLength(1);
      const [frozen] = snapshot.claims;
      expect(frozen).toMatchObject({
        id: claim.id,
        text: claim.text,
        verdict: "true",
        round: 1,
        explanation: "Verdict true: the court record settles it.",
        submittedBy: { name: "Rita Reporter" },
        reviewedBy: { name: "Ada Editor" },
        verifiedBy: { name: "Ben Editor" },
        appearance: { url: "https://example.com/news/clemency", publisher: "Example News", datePublished: "2018-06-07" },
      });
      expect(frozen.citations.map((c) => c.kind).sort()).toEqual(["origin", "supports"]);
      expect(frozen.citations.every((c) => c.quote.length > 0)).toBe(true);
      expect(frozen.verifiedBy.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(snapshot.article).toMatchObject({ id: desk.articleId, sourceUrl: "https://news.example/clemency" });
    });

    it("refuses a chosen claim that is not verified, and an empty choice", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      const draft = await submit(desk, desk.reporter, "A draft claim that is not verified yet at all.");
      const error = refusal(await buildSnapshot(desk.db, desk.articleId, [draft.id]));
      expect(error.code).toBe("invalid");
      expect(error.fields?.claimIds?.[0]).toContain(`#${draft.id}`);
      expect(refusal(await buildSnapshot(desk.db, desk.articleId, [])).code).toBe("invalid");
    });

    it("slugs are readable and bounded", () => {
      expect(slugify("Trump ‘pardoned’ Alice Johnson? Not quite — it was a commutation")).toBe(
        "trump-pardoned-alice-johnson-not-quite-it-was-a-commutation",
      );
      expect(slugify("Ça coûte 62 ou 63 ans")).toBe("ca-coute-62-ou-63-ans");
      expect(slugify("!!!")).toBe("summary");
      expect(slugify("word ".repeat(40)).length).toBeLessThanOrEqual(80);
    });
  });

  describe("publishing", () => {
    it("refuses with a clear message when there is no verified claim", async () => {
      await submit(desk, desk.reporter, "A draft claim that is not verified yet at all.");
      const error = refusal(await publish({}));
      expect(error.code).toBe("invalid");
      expect(error.message).toMatch(/no verified claims/i);
      expect(await count_("summaries")).toBe(0);
      expect(await count_("publications")).toBe(0);
    });

    it("is for editors only and validates its input", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      expect(refusal(await publish({}, desk.reporter)).code).toBe("forbidden");
      const invalid = refusal(await publish({ title: "", introduction: "short" }));
      expect(invalid.code).toBe("invalid");
      expect(Object.keys(invalid.fields ?? {}).sort()).toEqual(["introduction", "title"]);
      expect(refusal(await publishSummary(desk.db, desk.editorA, 9999, { title: "A fine title", introduction: INTRO })).code).toBe("not_found");
    });

    it("publishes version 1 with a slug, and a double submit publishes once", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      const first = unwrap(await publish({ expectedVersion: 0 }));
      expect(first.created).toBe(true);
      expect(first.summary).toMatchObject({ slug: "what-we-checked-about-the-clemency", currentVersion: 1 });
      const again = unwrap(await publish({ expectedVersion: 0 }));
      expect(again.created).toBe(false);
      expect(again.publication.id).toBe(first.publication.id);
      expect(await count_("publications")).toBe(1);
    });

    it("publications are immutable in the database", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      unwrap(await publish({}));
      const { publications } = tablesOf(desk.db);
      await expect(desk.db.update(publications).set({ title: "Rewritten" })).rejects.toThrow();
      await expect(desk.db.delete(publications)).rejects.toThrow();
    });

    it("gives a second summary with the same title its own slug", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      unwrap(await publish({}));
      const other = await withOtherArticle("Second article", "true");
      const second = unwrap(await publishSummary(desk.db, desk.editorA, other, { title: "What we checked about the clemency", introduction: INTRO }));
      expect(second.summary.slug).toBe("what-we-checked-about-the-clemency-2");
    });
  });

  describe("the address (slug)", () => {
    const CORRECTION = "Her age was 63, not 62: corrected after the court record.";

    it("is the editor's choice at first publication, and a page at that address", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      const { summary } = unwrap(await publish({ title: "Kushner <img src=x onerror=alert(1)>", slug: "kushner-clemency-claims" }));
      expect(summary.slug).toBe("kushner-clemency-claims");
      expect((await getPublicSummary(desk.db, "kushner-clemency-claims"))?.title).toBe("Kushner <img src=x onerror=alert(1)>");
    });

    it("refuses a malformed address with a field error and writes nothing", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      for (const slug of ["Kushner-Claims", "two  words", "a", "trailing-", "double--hyphen", "émile", "x".repeat(81)]) {
        const error = refusal(await publish({ slug }));
        expect(error.code, slug).toBe("invalid");
        expect(error.fields?.slug?.[0], slug).toBeTruthy();
      }
      expect(await count_("summaries")).toBe(0);
    });

    it("refuses an address another summary has, suggesting a free one", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      unwrap(await publish({ slug: "clemency-checked" }));
      const other = await withOtherArticle("Second article", "true");
      const error = refusal(await publishSummary(desk.db, desk.editorA, other, { title: "Another one", introduction: INTRO, slug: "clemency-checked" }));
      expect(error.code).toBe("invalid");
      expect(error.fields?.slug?.[0]).toContain("clemency-checked-2");
      expect(await count_("summaries")).toBe(1);
    });

    it("never changes afterwards: a republish naming another address is refused, the same one is fine", async () => {
      const claim = await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      unwrap(await publish({ slug: "clemency-checked" }));
      await desk.reverify(await desk.returnClaim(claim), "mostly-true");
      const error = refusal(await publish({ slug: "clemency-renamed", correctionNote: CORRECTION }));
      expect(error.fields?.slug?.[0]).toContain("clemency-checked");
      expect(await count_("publications")).toBe(1);
      const second = unwrap(await publish({ slug: "clemency-checked", correctionNote: CORRECTION }));
      expect(second.summary).toMatchObject({ slug: "clemency-checked", currentVersion: 2 });
      expect(unwrap(await publish({ title: "A new title for the same summary", correctionNote: "Retitled." })).summary.slug).toBe("clemency-checked");
    });

    it("derived addresses stay within the length limit with a -2 suffix", async () => {
      const long = "word ".repeat(40);
      const taken = async (s: string) => s === slugify(long);
      expect((await firstFreeSlugOf(long, taken)).length).toBeLessThanOrEqual(80);
      expect(await firstFreeSlugOf(long, taken)).toMatch(/-2$/);
    });
  });

  describe("corrections and versions", () => {
    it("marks a returned claim under re-review at once, then republishes as version 2 with a required note", async () => {
      const age = await desk.verified("Alice Marie Johnson was 62 years old at the time.", "true");
      const years = await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      const v1 = unwrap(await publish({}));
      const slug = v1.summary.slug;
      expect((await getPublicSummary(desk.db, slug))!.claims.every((c) => !c.underReReview)).toBe(true);

      const returned = await desk.returnClaim(age);
      const live = (await getPublicSummary(desk.db, slug))!;
      expect(live.claims.find((c) => c.id === age.id)!.underReReview).toBe(true);
      expect(live.claims.find((c) => c.id === years.id)!.underReReview).toBe(false);

      // Still re-reviewing after a new verdict, until the summary is republished.
      const reverified = await desk.reverify(returned, "mixed");
      expect((await getPublicSummary(desk.db, slug))!.claims.find((c) => c.id === age.id)!.underReReview).toBe(true);

      const missingNote = refusal(await publish({}));
      expect(missingNote.code).toBe("invalid");
      expect(missingNote.fields?.correctionNote).toBeDefined();

      const v2 = unwrap(await publish({ correctionNote: "Her age was 63, not 62; verdict changed to mixed.", expectedVersion: 1 }));
      expect(v2.created).toBe(true);
      expect(v2.summary.currentVersion).toBe(2);
      expect(v2.publication.version).toBe(2);
      // A double click on the republish button does not make version 3.
      const repeat = unwrap(await publish({ correctionNote: "Her age was 63, not 62; verdict changed to mixed.", expectedVersion: 1 }));
      expect(repeat.created).toBe(false);
      expect(repeat.publication.version).toBe(2);

      const current = (await getPublicSummary(desk.db, slug))!;
      expect(current.version).toBe(2);
      expect(current.claims.find((c) => c.id === age.id)).toMatchObject({ verdict: "mixed", underReReview: false });
      expect(current.corrections).toHaveLength(1);
      expect(current.corrections[0]).toMatchObject({ version: 2, note: "Her age was 63, not 62; verdict changed to mixed." });
      expect(current.corrections[0].changes).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: "verdict", claimId: age.id, description: expect.stringContaining("from True to Mixed") })]),
      );
      // Version 1 stays readable as it was.
      const old = (await getPublicSummary(desk.db, slug, 1))!;
      expect(old.isCurrent).toBe(false);
      // An earlier version is a record of what was published; it carries no live marks.
      expect(old.claims.every((c) => !c.underReReview)).toBe(true);
      expect(old.claims.find((c) => c.id === age.id)!.verdict).toBe("true");
      expect(current.versions.map((v) => v.version)).toEqual([1, 2]);
      expect(await getPublicSummary(desk.db, slug, 3)).toBeNull();
      void reverified;
    });

    it("records claims added and removed, refuses a note on unchanged content, and a stale expected version", async () => {
      const first = await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      unwrap(await publish({}));
      const nothing = refusal(await publish({ correctionNote: "Nothing really." }));
      expect(nothing.code).toBe("conflict");

      const second = await desk.verified("President Trump commuted her sentence in June 2018.", "true");
      const stale = refusal(await publish({ correctionNote: "Added a claim.", expectedVersion: 0 }));
      expect(stale.code).toBe("conflict");
      unwrap(await publish({ correctionNote: "Added the commutation claim.", claimIds: [first.id, second.id] }));
      unwrap(await publish({ correctionNote: "Dropped the prison-term claim.", claimIds: [second.id] }));
      const view = (await getPublicSummary(desk.db, slugify("What we checked about the clemency")))!;
      expect(view.version).toBe(3);
      expect(view.corrections.map((c) => c.version)).toEqual([3, 2]);
      expect(view.corrections[0].changes.map((c) => c.kind)).toEqual(["removed"]);
      expect(view.corrections[1].changes.map((c) => c.kind)).toEqual(["added"]);
    });

    it("withdraws with a public reason; the page says so; republishing puts it back as a new version", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      const { summary } = unwrap(await publish({}));
      expect(refusal(await withdrawSummary(desk.db, desk.reporter, desk.articleId, { reason: "Because we say so here." })).code).toBe("forbidden");
      expect(refusal(await withdrawSummary(desk.db, desk.editorA, desk.articleId, { reason: "" })).code).toBe("invalid");
      unwrap(await withdrawSummary(desk.db, desk.editorA, desk.articleId, { reason: "The source article was retracted by its publisher." }));
      expect(refusal(await withdrawSummary(desk.db, desk.editorA, desk.articleId, { reason: "Again, for the second time." })).code).toBe("conflict");
      const view = (await getPublicSummary(desk.db, summary.slug))!;
      expect(view.withdrawn).toMatchObject({ reason: "The source article was retracted by its publisher." });
      expect(unwrap((await listPublicSummaries(desk.db, {}))).data[0].withdrawn).toBe(true);

      const back = unwrap(await publish({ correctionNote: "Reinstated: the publisher restored the article." }));
      expect(back.publication.version).toBe(2);
      const reinstated = (await getPublicSummary(desk.db, summary.slug))!;
      expect(reinstated.withdrawn).toBeNull();
      expect(reinstated.reinstated?.reason).toBe("The source article was retracted by its publisher.");
      expect(reinstated.corrections[0].changes[0].kind).toBe("reinstated");
      const { summaries } = tablesOf(desk.db);
      expect((await firstRow(desk.db.select().from(summaries).where(eq(summaries.id, summary.id))))!.withdrawnAt).toBeNull();
    });
  });

  describe("public list", () => {
    it("lists newest first, paginates with a cursor and filters by verdict", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "false");
      unwrap(await publish({}));
      for (const [i, verdict] of [[1, "true"], [2, "mixed"]] as const) {
        const other = await withOtherArticle(`Article ${i}`, verdict);
        unwrap(await publishSummary(desk.db, desk.editorA, other, { title: `Summary number ${i}`, introduction: INTRO }));
      }
      const first = unwrap((await listPublicSummaries(desk.db, { limit: "2" })));
      expect(first.data.map((s) => s.title)).toEqual(["Summary number 2", "Summary number 1"]);
      expect(first.nextCursor).not.toBeNull();
      const second = unwrap((await listPublicSummaries(desk.db, { limit: "2", cursor: first.nextCursor! })));
      expect(second.data.map((s) => s.title)).toEqual(["What we checked about the clemency"]);
      expect(second.nextCursor).toBeNull();
      const falseOnly = unwrap((await listPublicSummaries(desk.db, { verdict: "false" })));
      expect(falseOnly.data.map((s) => s.verdicts)).toEqual([{ false: 1 }]);
      expect(refusal((await listPublicSummaries(desk.db, { verdict: "bogus" }))).code).toBe("invalid");
      expect(refusal((await listPublicSummaries(desk.db, { cursor: "nonsense" }))).code).toBe("invalid");
    });

    it("gives the editor page the verified claims and the published state", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      expect((await getEditorSummaryState(desk.db, desk.articleId))).toMatchObject({ published: null, verifiedClaims: [expect.any(Object)] });
      unwrap(await publish({}));
      expect((await getEditorSummaryState(desk.db, desk.articleId))!.published!.version).toBe(1);
      expect(await getEditorSummaryState(desk.db, 12345)).toBeNull();
      expect(await getPublicSummary(desk.db, "../../etc")).toBeNull();
    });
  });

  describe("racing writes", () => {
    it("two racing first publications of one summary: one publishes version 1, the other finds it published", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      const [a, b] = await Promise.all([
        publish({ title: "What we checked, take A", expectedVersion: 0 }, desk.editorA),
        publish({ title: "What we checked, take B", expectedVersion: 0 }, desk.editorB),
      ]);
      const winners = [a, b].filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      expect(unwrap(winners[0]).publication.version).toBe(1);
      const loser = refusal([a, b].find((r) => !r.ok)!);
      expect(loser.code).toBe("conflict");
      expect(loser.message).toBe("Version 1 was published while you were editing. Reload to see it before publishing again.");
      expect(await count_("summaries")).toBe(1);
      expect(await count_("publications")).toBe(1);
    });

    it("two racing corrections of version 1: one publishes version 2, the other is told so", async () => {
      const claim = await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      unwrap(await publish({}));
      await desk.reverify(await desk.returnClaim(claim), "mostly-true");
      const [a, b] = await Promise.all([
        publish({ correctionNote: "Verdict changed to mostly true (A).", expectedVersion: 1 }, desk.editorA),
        publish({ title: "What we checked, corrected", correctionNote: "Verdict changed to mostly true (B).", expectedVersion: 1 }, desk.editorB),
      ]);
      expect([a, b].filter((r) => r.ok)).toHaveLength(1);
      const loser = refusal([a, b].find((r) => !r.ok)!);
      expect(loser).toMatchObject({ code: "conflict", details: { currentVersion: 2 } });
      expect(await count_("publications")).toBe(2);
      expect((await getPublicSummary(desk.db, "what-we-checked-about-the-clemency"))!.version).toBe(2);
    });

    it("the same publication sent twice at once is published once", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      const [a, b] = await Promise.all([publish({ expectedVersion: 0 }), publish({ expectedVersion: 0 })]);
      expect([unwrap(a).created, unwrap(b).created].sort()).toEqual([false, true]);
      expect(unwrap(a).publication.id).toBe(unwrap(b).publication.id);
      expect(await count_("publications")).toBe(1);
    });

    it("two articles racing for one free address: one gets it, the other is refused with a free one", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      const other = await withOtherArticle("Second article", "true");
      const [a, b] = await Promise.all([
        publish({ slug: "clemency-checked" }),
        publishSummary(desk.db, desk.editorB, other, { title: "Another one", introduction: INTRO, slug: "clemency-checked" }),
      ]);
      expect([a, b].filter((r) => r.ok)).toHaveLength(1);
      const loser = refusal([a, b].find((r) => !r.ok)!);
      expect(loser.code).toBe("invalid");
      expect(loser.fields?.slug?.[0]).toContain("clemency-checked-2");
      expect(await count_("summaries")).toBe(1);
    });

    it("two racing withdrawals: one withdraws, the other finds it withdrawn", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      unwrap(await publish({}));
      const [a, b] = await Promise.all([
        withdrawSummary(desk.db, desk.editorA, desk.articleId, { reason: "The source article was retracted (A)." }),
        withdrawSummary(desk.db, desk.editorB, desk.articleId, { reason: "The source article was retracted (B)." }),
      ]);
      expect([a, b].filter((r) => r.ok)).toHaveLength(1);
      expect(refusal([a, b].find((r) => !r.ok)!)).toMatchObject({ code: "conflict", message: "This summary is already withdrawn." });
      expect([a, b].flatMap((r) => r.events)).toHaveLength(1);
    });
  });
}, { freshEach: true });
