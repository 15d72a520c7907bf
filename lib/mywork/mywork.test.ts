import { beforeEach, describe, expect, it, vi } from "vitest";
import { claims } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { assignClaim } from "@/lib/workflow/assign";
import { getClaimDetail } from "@/lib/workflow/queries";
import { canReviewClaim, canVerifyClaim } from "@/lib/workflow/rules";
import { createDesk, submit, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { transitionClaim } from "@/lib/workflow/transition";
import type { ClaimDetail } from "@/lib/workflow/types";
import { followClaim, markSeen } from "@/lib/follows/follows";
import { listAssignedToMe, listClaimsToVerify, listDraftsToReview, listFollowedChanged, listMyReturnedDrafts, type MyWorkSection } from "./mywork";

let desk: Desk;
beforeEach(() => {
  desk = createDesk();
});

const ids = (section: MyWorkSection) => section.items.map((item) => item.id).sort((a, b) => a - b);
const cite = (claim: ClaimDetail) => [claim.citations[0]!.id];

async function review(claim: ClaimDetail, by: Actor): Promise<ClaimDetail> {
  return unwrap(await transitionClaim(desk.db, by, claim.id, { action: "review", note: "checked", citationIds: cite(claim), expectedVersion: claim.version }));
}
async function verify(claim: ClaimDetail, by: Actor): Promise<ClaimDetail> {
  return unwrap(await transitionClaim(desk.db, by, claim.id, { action: "verify", note: "holds", verdict: "true", citationIds: cite(claim), expectedVersion: claim.version }));
}
async function sendBack(claim: ClaimDetail, by: Actor, note = "Source is a press release, find the court record"): Promise<ClaimDetail> {
  return unwrap(await transitionClaim(desk.db, by, claim.id, { action: "return", note, citationIds: cite(claim), expectedVersion: claim.version }));
}

describe("the SQL narrowing never drops a claim the rules allow", () => {
  it("over every state, submitter and reviewer, for every role", async () => {
    const { reporter, editorA, editorB, editorC } = desk;
    const submitters = [reporter, editorA, editorB];
    const reviewers = [editorA, editorB, editorC];
    let n = 0;
    const text = () => `Claim number ${++n} about the clemency case.`;
    for (const submitter of submitters) {
      await submit(desk, submitter, text()); // draft, round 1
      for (const reviewer of reviewers) {
        if (reviewer.id === submitter.id) continue;
        await review(await submit(desk, submitter, text()), reviewer); // reviewed
        const returned = await sendBack(await review(await submit(desk, submitter, text()), reviewer), editorC); // draft, round 2
        await review(returned, reviewers.find((r) => r.id !== submitter.id && r.id !== reviewer.id)!); // reviewed in round 2 by someone else
        for (const verifier of reviewers) {
          if (verifier.id === submitter.id || verifier.id === reviewer.id) continue;
          await verify(await review(await submit(desk, submitter, text()), reviewer), verifier); // verified
        }
      }
    }
    const all = await Promise.all(desk.db.select({ id: claims.id }).from(claims).all().map(async (row) => (await getClaimDetail(desk.db, row.id))!));
    expect(new Set(all.map((claim) => claim.state))).toEqual(new Set(["draft", "reviewed", "verified"]));

    for (const actor of [desk.reporter, desk.otherReporter, editorA, editorB, editorC, desk.admin]) {
      const mayReview = all.filter((claim) => canReviewClaim(claim, actor).allowed).map((claim) => claim.id).sort((a, b) => a - b);
      const mayVerify = all.filter((claim) => canVerifyClaim(claim, actor).allowed).map((claim) => claim.id).sort((a, b) => a - b);
      const toReview = await listDraftsToReview(desk.db, actor, { limit: 1000 });
      const toVerify = await listClaimsToVerify(desk.db, actor, { limit: 1000 });
      expect(ids(toReview), `review, ${actor.name}`).toEqual(mayReview);
      expect(ids(toVerify), `verify, ${actor.name}`).toEqual(mayVerify);
      expect(toReview.count).toBe(mayReview.length);
      expect(toVerify.count).toBe(mayVerify.length);
    }
    // The combinations are not vacuous: some reviewed claims are refused to an editor who reviewed them.
    expect((await listClaimsToVerify(desk.db, editorA, { limit: 1000 })).count).toBeLessThan(all.filter((claim) => claim.state === "reviewed" && claim.submitterId !== editorA.id).length);
  });
});

describe("My work sections", () => {
  it("four-eyes: my own drafts are not mine to review; reporters review nothing", async () => {
    const mine = await submit(desk, desk.editorA);
    const theirs = await submit(desk, desk.reporter);
    expect(ids(await listDraftsToReview(desk.db, desk.editorA))).toEqual([theirs.id]);
    expect(ids(await listDraftsToReview(desk.db, desk.editorB))).toEqual([mine.id, theirs.id]);
    expect((await listDraftsToReview(desk.db, desk.otherReporter)).count).toBe(0);
  });

  it("two-person: the reviewer of the round may not verify it, another editor may, and a return resets the round", async () => {
    const claim = await review(await submit(desk), desk.editorA);
    expect(ids(await listClaimsToVerify(desk.db, desk.editorA))).toEqual([]);
    expect(ids(await listClaimsToVerify(desk.db, desk.editorB))).toEqual([claim.id]);
    const [item] = (await listClaimsToVerify(desk.db, desk.editorB)).items;
    expect(item!.reviewerName).toBe("Ada Editor");
    // Returned and reviewed again by editorB: now editorA may verify and editorB may not.
    await review(await sendBack(claim, desk.editorC), desk.editorB);
    expect(ids(await listClaimsToVerify(desk.db, desk.editorA))).toEqual([claim.id]);
    expect(ids(await listClaimsToVerify(desk.db, desk.editorB))).toEqual([]);
  });

  it("returned drafts carry who returned them, when, and the reason, until they move on", async () => {
    const claim = await sendBack(await review(await submit(desk), desk.editorA), desk.editorB, "Her age was 63, not 62");
    await submit(desk); // a plain draft is not returned
    const section = await listMyReturnedDrafts(desk.db, desk.reporter);
    expect(ids(section)).toEqual([claim.id]);
    expect(section.items[0]!.returned).toMatchObject({ byName: "Ben Editor", note: "Her age was 63, not 62" });
    expect(section.items[0]!.waitingSince).toBe(section.items[0]!.returned!.at);
    expect((await listMyReturnedDrafts(desk.db, desk.otherReporter)).count).toBe(0);
    await review((await getClaimDetail(desk.db, claim.id))!, desk.editorA);
    expect((await listMyReturnedDrafts(desk.db, desk.reporter)).count).toBe(0);
  });

  it("assigned to me: open claims only, each with the time it entered its state", async () => {
    const claim = await submit(desk);
    const assigned = unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: claim.version }));
    expect(ids(await listAssignedToMe(desk.db, desk.editorB))).toEqual([claim.id]);
    expect((await listAssignedToMe(desk.db, desk.editorA)).count).toBe(0);
    // Waiting counts from the submit sign-off, not from the assignment.
    expect((await listAssignedToMe(desk.db, desk.editorB)).items[0]!.waitingSince).toBe(claim.signoffs[0]!.createdAt);
    const reviewed = await review(assigned, desk.editorA);
    expect((await listAssignedToMe(desk.db, desk.editorB)).items[0]!.waitingSince).toBe(reviewed.signoffs.at(-1)!.createdAt);
    await verify(reviewed, desk.editorC);
    expect((await listAssignedToMe(desk.db, desk.editorB)).count).toBe(0);
  });

  it("shows the longest-waiting first, at most `limit`, and says when the count is only a lower bound", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const at = (day: number) => vi.setSystemTime(new Date(`2024-03-${String(day).padStart(2, "0")}T09:00:00Z`));
      at(1);
      const first = await submit(desk, desk.reporter, "Claim number one about the clemency case.");
      at(2);
      const second = await submit(desk, desk.reporter, "Claim number two about the clemency case.");
      at(3);
      const third = await submit(desk, desk.reporter, "Claim number three about the clemency case.");
      at(4);
      const reviewed = await review(first, desk.editorA);
      at(5);
      await sendBack(reviewed, desk.editorB); // the oldest claim is a draft again, waiting only since day 5
      const section = await listDraftsToReview(desk.db, desk.editorC, { limit: 2 });
      expect(section.items.map((item) => item.id)).toEqual([second.id, third.id]);
      expect(section.items[0]!.waitingSince).toBe("2024-03-02T09:00:00.000Z");
      expect(section).toMatchObject({ count: 3, countIsLowerBound: false });
      expect((await listDraftsToReview(desk.db, desk.editorC)).items.at(-1)).toMatchObject({ id: first.id, waitingSince: "2024-03-05T09:00:00.000Z" });
      expect(await listDraftsToReview(desk.db, desk.editorC, { scanLimit: 2 })).toMatchObject({ count: 2, countIsLowerBound: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it("followed claims that changed since I last saw them, until I see them", async () => {
    const claim = await submit(desk);
    await followClaim(desk.db, desk.editorB.id, claim.id);
    await markSeen(desk.db, desk.editorB.id, claim.id, claim.version);
    expect((await listFollowedChanged(desk.db, desk.editorB)).count).toBe(0);
    const reviewed = await review(claim, desk.editorA);
    const section = await listFollowedChanged(desk.db, desk.editorB);
    expect(section).toMatchObject({ count: 1, countIsLowerBound: false });
    expect(section.items[0]).toMatchObject({ claimId: claim.id, state: "reviewed", version: reviewed.version, seenVersion: claim.version });
    await markSeen(desk.db, desk.editorB.id, claim.id, reviewed.version);
    expect((await listFollowedChanged(desk.db, desk.editorB)).count).toBe(0);
  });
});
