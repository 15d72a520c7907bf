import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { claimRevisions, signoffCitations, signoffs } from "@/db/schema";
import { verifyAuditChain } from "./audit";
import { sha256Hex } from "./hash";
import { submitClaim } from "./submit";
import {
  ARTICLE_BODY,
  CLAIM_TEXT,
  citation,
  createDesk,
  expectRefusedWithoutWrites,
  originCitation,
  QUOTE,
  QUOTE_START,
  unwrap,
  type Desk,
} from "./test-fixtures";

let desk: Desk;
beforeEach(() => {
  desk = createDesk();
});

describe("submitClaim", () => {
  it("creates a draft at version 1, round 1, with its revision, citations and the submit sign-off", async () => {
    const input = {
      text: `  ${CLAIM_TEXT}  `,
      articleId: desk.articleId,
      citations: [originCitation(desk.articleId), citation({ kind: "context", url: undefined, documentRef: "Docket 96-1" })],
    };
    const claim = unwrap(await submitClaim(desk.db, desk.reporter, input));

    expect(claim).toMatchObject({
      text: CLAIM_TEXT,
      textHash: sha256Hex(CLAIM_TEXT),
      state: "draft",
      verdict: null,
      version: 1,
      round: 1,
      articleId: desk.articleId,
      articleTitle: "Clemency",
      submitterId: desk.reporter.id,
      submitterName: "Rita Reporter",
      assigneeId: null,
      currentReviewerId: null,
    });
    expect(claim.citations).toHaveLength(2);
    expect(claim.citations[0]).toMatchObject({
      kind: "origin",
      quote: QUOTE,
      quoteHash: sha256Hex(QUOTE),
      quoteStart: QUOTE_START,
      articleId: desk.articleId,
      addedById: desk.reporter.id,
    });
    expect(claim.citations[1]).toMatchObject({ url: null, documentRef: "Docket 96-1", publisher: "Example News" });
    expect(claim.revisions).toEqual([expect.objectContaining({ version: 1, text: CLAIM_TEXT, editedByName: "Rita Reporter" })]);

    expect(claim.signoffs).toHaveLength(1);
    expect(claim.signoffs[0]).toMatchObject({
      action: "submit",
      fromState: null,
      toState: "draft",
      userId: desk.reporter.id,
      userName: "Rita Reporter",
      note: "Submitted",
      verdict: null,
      claimVersion: 1,
      textHash: sha256Hex(CLAIM_TEXT),
      round: 1,
      citationIds: claim.citations.map((c) => c.id),
    });
    const links = desk.db.select().from(signoffCitations).where(eq(signoffCitations.signoffId, claim.signoffs[0]!.id)).all();
    expect(links.map((l) => l.quoteHash).sort()).toEqual(claim.citations.map((c) => c.quoteHash).sort());
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true, count: 1 });
  });

  it("keeps the submitter's note and defaults accessedAt to now", async () => {
    const before = new Date().toISOString();
    const claim = unwrap(await submitClaim(desk.db, desk.editorA, { text: CLAIM_TEXT, note: "From the AP wire", citations: [citation({ kind: "origin" })] }));
    expect(claim.signoffs[0]!.note).toBe("From the AP wire");
    expect(claim.citations[0]!.accessedAt >= before).toBe(true);
    expect(claim.articleId).toBeNull();
  });

  it("stores a given access date as is and datetimes in UTC", async () => {
    const claim = unwrap(
      await submitClaim(desk.db, desk.reporter, {
        text: CLAIM_TEXT,
        citations: [citation({ kind: "origin", accessedAt: "2024-05-01" }), citation({ accessedAt: "2024-05-01T11:30:00+02:00" })],
      }),
    );
    expect(claim.citations.map((c) => c.accessedAt)).toEqual(["2024-05-01", "2024-05-01T09:30:00.000Z"]);
  });

  it("accepts a quote whose whitespace differs from the article's", async () => {
    const quote = QUOTE.replace(/ /g, "  ");
    expect(await submitClaimOk(originCitation(desk.articleId, { quote }))).toBe(true);
  });

  async function submitClaimOk(origin: ReturnType<typeof originCitation>) {
    return (await submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, citations: [origin] })).ok;
  }

  describe("refuses, writing nothing", () => {
    it("invalid input, with field errors", async () => {
      const error = await expectRefusedWithoutWrites(desk.db, "invalid", () =>
        submitClaim(desk.db, desk.reporter, { text: "short", citations: [citation({ url: "javascript:alert(1)" })] }),
      );
      expect(error.fields).toMatchObject({
        text: ["A claim needs at least 10 characters"],
        "citations.0.url": ["Enter a web address starting with http:// or https://"],
        citations: ["Include the origin citation: where the claim was made"],
      });
    });

    it("non-object input", async () => {
      await expectRefusedWithoutWrites(desk.db, "invalid", () => submitClaim(desk.db, desk.reporter, null));
      await expectRefusedWithoutWrites(desk.db, "invalid", () => submitClaim(desk.db, desk.reporter, "claim"));
    });

    it("an unknown article", async () => {
      const error = await expectRefusedWithoutWrites(desk.db, "invalid", () =>
        submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, articleId: 999, citations: [citation({ kind: "origin" })] }),
      );
      expect(error.fields).toEqual({ articleId: ["There is no article #999"] });
    });

    it("a citation pointing at an unknown article", async () => {
      const error = await expectRefusedWithoutWrites(desk.db, "invalid", () =>
        submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, citations: [citation({ kind: "origin", articleId: 999 })] }),
      );
      expect(error.fields).toEqual({ "citations.0.articleId": ["There is no article #999"] });
    });

    it("a quote that is not the article text at its offsets", async () => {
      const error = await expectRefusedWithoutWrites(desk.db, "invalid", () =>
        submitClaim(desk.db, desk.reporter, {
          text: CLAIM_TEXT,
          citations: [originCitation(desk.articleId, { quoteStart: QUOTE_START + 1 })],
        }),
      );
      expect(error.fields).toEqual({ "citations.0.quote": ["The quote does not match the article text at these positions"] });
    });

    it("offsets past the end of the article", async () => {
      const error = await expectRefusedWithoutWrites(desk.db, "invalid", () =>
        submitClaim(desk.db, desk.reporter, {
          text: CLAIM_TEXT,
          citations: [originCitation(desk.articleId, { quoteStart: 0, quoteEnd: ARTICLE_BODY.length + 1 })],
        }),
      );
      expect(error.fields).toHaveProperty(["citations.0.quoteEnd"]);
    });
  });

  it("records revisions and sign-offs only for the claim it created", async () => {
    const first = unwrap(await submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, citations: [citation({ kind: "origin" })] }));
    const second = unwrap(await submitClaim(desk.db, desk.reporter, { text: `${CLAIM_TEXT} Again.`, citations: [citation({ kind: "origin" })] }));
    expect(second.id).not.toBe(first.id);
    expect(desk.db.select().from(claimRevisions).where(eq(claimRevisions.claimId, second.id)).all()).toHaveLength(1);
    expect(desk.db.select().from(signoffs).all().map((s) => s.claimId)).toEqual([first.id, second.id]);
  });
});
