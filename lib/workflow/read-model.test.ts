import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/core/actor";
import type { Verdict } from "@/lib/core/vocabulary";
import { verifiedClaimsOf } from "@/lib/publish/snapshot";
import { addCitations } from "./add-citations";
import { loadClaimForChange } from "./claim-store";
import { allowedActions } from "./permissions";
import { citationsFirstSignedOfClaims, claimsReopenedSince, getClaimArticleId, getClaimDetail, listClaims, listVerifiedClaimsOfArticle } from "./queries";
import { citationsFirstSigned, reviewerOfRound, roundSignoffs, signedCitationIds, signedCitations, verdictStands } from "./read-model";
import { citation, createDesk, submit, unwrap, type Desk } from "./test-fixtures";
import { transitionClaim } from "./transition";
import type { ClaimDetail, SignoffView } from "./types";

let desk: Desk;
beforeEach(() => {
  desk = createDesk();
});

const step = async (claim: ClaimDetail, by: Actor, action: "review" | "verify" | "return", verdict?: Verdict) =>
  unwrap(
    await transitionClaim(desk.db, by, claim.id, {
      action,
      note: `${action} by ${by.name}`,
      citationIds: [claim.citations[0]!.id],
      expectedVersion: claim.version,
      ...(verdict ? { verdict } : {}),
    }),
  );

describe("roundSignoffs", () => {
  const signoff = (id: number, action: SignoffView["action"], round: number, userId = id) => ({ id, action, round, userId });

  it("takes the first submit and the latest review and verify of the asked round only", async () => {
    const history = [
      signoff(1, "submit", 1),
      signoff(2, "review", 1),
      signoff(3, "verify", 1),
      signoff(4, "return", 1),
      signoff(5, "review", 2),
      signoff(6, "return", 2),
      signoff(7, "review", 3),
    ];
    expect(roundSignoffs(history, 1)).toEqual({ submit: history[0], review: history[1], verify: history[2] });
    expect(roundSignoffs(history, 2)).toEqual({ submit: history[0], review: history[4], verify: null });
    expect(roundSignoffs(history, 3)).toEqual({ submit: history[0], review: history[6], verify: null });
    expect(roundSignoffs(history, 4)).toEqual({ submit: history[0], review: null, verify: null });
    expect(reviewerOfRound(history, 3)).toBe(7);
    expect(reviewerOfRound(history, 4)).toBeNull();
    // Two reviews in one round (the rules never sign a second, but the definition says which counts): the later.
    expect(reviewerOfRound([signoff(1, "review", 1, 10), signoff(2, "review", 1, 20)], 1)).toBe(20);
  });

  it("dates each signed citation by the earliest sign-off resting on it", async () => {
    const signoffs = [
      { createdAt: "2024-01-02T00:00:00.000Z", citationIds: [1, 2] },
      { createdAt: "2024-01-01T00:00:00.000Z", citationIds: [2] },
      { createdAt: "2024-01-03T00:00:00.000Z", citationIds: [3] },
    ];
    expect(citationsFirstSigned(signoffs)).toEqual(
      new Map([
        [1, "2024-01-02T00:00:00.000Z"],
        [2, "2024-01-01T00:00:00.000Z"],
        [3, "2024-01-03T00:00:00.000Z"],
      ]),
    );
    expect(signedCitationIds(signoffs)).toEqual(new Set([1, 2, 3]));
    expect(signedCitationIds([])).toEqual(new Set());
  });

  it("says a verdict stands only while the claim is verified in the round it was reached in", async () => {
    expect(verdictStands({ state: "verified", round: 2 }, 2)).toBe(true);
    expect(verdictStands({ state: "verified", round: 3 }, 2)).toBe(false);
    expect(verdictStands({ state: "draft", round: 2 }, 2)).toBe(false);
    expect(verdictStands(undefined, 1)).toBe(false);
  });
});

describe("one answer everywhere on a desk with returns and several rounds", () => {
  /** Claims with different histories, and who reviewed each one's current round. */
  async function buildDesk() {
    const { editorA: a, editorB: b, editorC: c } = desk;
    // Round 1 reviewed, verified, then returned: round 2 has no reviewer yet.
    const returnedAfterVerify = await step(await step(await step(await submit(desk, desk.reporter, "Returned after it was verified."), a, "review"), b, "verify", "true"), a, "return");
    // Reviewed by A in round 1, returned, reviewed by C in round 2.
    const reReviewed = await step(await step(await step(await submit(desk, desk.reporter, "Reviewed again in a second round."), a, "review"), b, "return"), c, "review");
    // Verified in round 1, returned, reviewed by C and verified by B in round 2.
    const reVerified = await step(await step(await step(await step(await step(await submit(desk, desk.reporter, "Verified again in a second round."), a, "review"), b, "verify", "mixed"), a, "return"), c, "review"), b, "verify", "false");
    // Three rounds: reviewed by A, B, then C.
    const thirdRound = await step(await step(await step(await step(await step(await submit(desk, desk.otherReporter, "Three rounds of review for this one."), a, "review"), c, "return"), b, "review"), c, "return"), c, "review");
    const untouched = await submit(desk, desk.reporter, "A plain draft nobody reviewed.");
    return [
      { claim: returnedAfterVerify, reviewer: null, round: 2 },
      { claim: reReviewed, reviewer: c.id, round: 2 },
      { claim: reVerified, reviewer: c.id, round: 2 },
      { claim: thirdRound, reviewer: c.id, round: 3 },
      { claim: untouched, reviewer: null, round: 1 },
    ];
  }

  it("the rules' facts, the claim detail and the queue name the same reviewer of the current round", async () => {
    const cases = await buildDesk();
    const listed = new Map(unwrap(await listClaims(desk.db, {}, { limit: 100 })).data.map((item) => [item.id, item]));
    const newestFirst = new Map(unwrap(await listClaims(desk.db, { sort: "newest", articleId: desk.articleId }, { limit: 100 })).data.map((item) => [item.id, item]));
    for (const { claim, reviewer, round } of cases) {
      const detail = (await getClaimDetail(desk.db, claim.id))!;
      expect(detail.round, claim.text).toBe(round);
      expect(detail.currentReviewerId, claim.text).toBe(reviewer);
      expect(claim.currentReviewerId, `${claim.text} (mutation's answer)`).toBe(reviewer);
      expect(listed.get(claim.id)!.currentReviewerId, `${claim.text} (queue)`).toBe(reviewer);
      expect(newestFirst.get(claim.id)!.currentReviewerId, `${claim.text} (queue, filtered)`).toBe(reviewer);
      expect((await loadClaimForChange(desk.db, claim.id)).facts, `${claim.text} (rules)`).toEqual({ state: detail.state, submitterId: detail.submitterId, currentReviewerId: reviewer });
      expect(roundSignoffs(detail.signoffs, detail.round).review?.userId ?? null).toBe(reviewer);
    }
  });

  it("a reviewer of an earlier round may verify; the reviewer of this round may not, on screen and on the server alike", async () => {
    const [, { claim: reReviewed }] = await buildDesk();
    const detail = (await getClaimDetail(desk.db, reReviewed.id))!;
    expect(allowedActions(detail, desk.editorC).verify.allowed).toBe(false);
    expect((await transitionClaim(desk.db, desk.editorC, detail.id, { action: "verify", verdict: "true", note: "mine", citationIds: [detail.citations[0]!.id], expectedVersion: detail.version })).ok).toBe(false);
    expect(allowedActions(detail, desk.editorA).verify.allowed).toBe(true);
    const verified = await step(detail, desk.editorA, "verify", "true");
    expect(verified).toMatchObject({ state: "verified", currentReviewerId: desk.editorC.id });
  });

  it("publishing reads the round's sign-offs and the signed sources through the same definitions", async () => {
    const cases = await buildDesk();
    const reVerified = cases[2]!.claim;
    // A source attached after the verdict: no sign-off rests on it.
    const unvetted = unwrap(await addCitations(desk.db, desk.reporter, reVerified.id, { citations: [citation({ url: "https://unvetted.example/", quote: "Unchecked." })], expectedVersion: reVerified.version }));
    const unvettedId = unvetted.citations.at(-1)!.id;

    const forPublishing = await listVerifiedClaimsOfArticle(desk.db, desk.articleId);
    expect(forPublishing.map((claim) => claim.id)).toEqual([reVerified.id]);
    expect(forPublishing).toEqual(unwrap(await listClaims(desk.db, { state: "verified", articleId: desk.articleId })).data);

    const [published] = await verifiedClaimsOf(desk.db, desk.articleId);
    const round = roundSignoffs(unvetted.signoffs, unvetted.round);
    expect(published).toMatchObject({
      round: 2,
      verdict: "false",
      explanation: round.verify!.note,
      submittedBy: { name: "Rita Reporter", at: round.submit!.createdAt },
      reviewedBy: { name: "Cy Editor", at: round.review!.createdAt },
      verifiedBy: { name: "Ben Editor", at: round.verify!.createdAt },
    });
    expect(published!.citations.map((c) => c.id)).toEqual(signedCitations(unvetted).map((c) => c.id));
    expect(published!.citations.map((c) => c.id)).not.toContain(unvettedId);

    const firstSigned = await citationsFirstSignedOfClaims(desk.db, cases.map((c) => c.claim.id));
    const everySigned = (await Promise.all(cases.map(async ({ claim }) => [...citationsFirstSigned((await getClaimDetail(desk.db, claim.id))!.signoffs)]))).flat();
    expect([...firstSigned].sort(([x], [y]) => x - y)).toEqual(everySigned.sort(([x], [y]) => x - y));
    expect(firstSigned.has(unvettedId)).toBe(false);
    expect(await citationsFirstSignedOfClaims(desk.db, [])).toEqual(new Map());
  });

  it("knows which published verdicts no longer stand, and which article a claim came from", async () => {
    const cases = await buildDesk();
    const [returned, , reVerified] = cases.map((c) => c.claim);
    const reopened = await claimsReopenedSince(desk.db, [
      { id: returned!.id, round: 1 }, // verified in round 1, returned since
      { id: cases[3]!.claim.id, round: 2 }, // in round 3 now, and only reviewed
      { id: 98765, round: 1 }, // gone
    ]);
    expect([...reopened].sort((x, y) => x - y)).toEqual([returned!.id, cases[3]!.claim.id, 98765].sort((x, y) => x - y));
    expect(await claimsReopenedSince(desk.db, [{ id: reVerified!.id, round: 2 }])).toEqual(new Set()); // still verified in round 2
    expect(await claimsReopenedSince(desk.db, [{ id: reVerified!.id, round: 1 }])).toEqual(new Set([reVerified!.id])); // that verdict was replaced
    expect(await claimsReopenedSince(desk.db, [])).toEqual(new Set());
    expect(await getClaimArticleId(desk.db, returned!.id)).toBe(desk.articleId);
    expect(await getClaimArticleId(desk.db, 98765)).toBeNull();
    expect(await getClaimArticleId(desk.db, Number.NaN)).toBeNull();
  });
});
