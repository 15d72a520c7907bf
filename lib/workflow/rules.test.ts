import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/core/vocabulary";
import { allowedActions } from "./permissions";
import {
  canAddCitations,
  canAssignClaim,
  canBeAssigned,
  canEditClaim,
  canPublishSummary,
  canReturnClaim,
  canReviewClaim,
  canSubmitClaim,
  canTransitionClaim,
  canVerifyClaim,
  canWithdrawSummary,
  queueFilters,
  TRANSITIONS,
  type ClaimFacts,
} from "./rules";
import { CLAIM_STATES } from "@/lib/core/vocabulary";

const SUBMITTER = 1;
const REVIEWER = 2;
const OTHER = 3;
const as = (id: number, role: Role) => ({ id, role });

const draft: ClaimFacts = { state: "draft", submitterId: SUBMITTER, currentReviewerId: null };
const reviewed: ClaimFacts = { state: "reviewed", submitterId: SUBMITTER, currentReviewerId: REVIEWER };
const verified: ClaimFacts = { state: "verified", submitterId: SUBMITTER, currentReviewerId: REVIEWER };

describe("submit", () => {
  it.each(["reporter", "editor", "admin"] as const)("a %s may submit claims", (role) => {
    expect(canSubmitClaim(as(OTHER, role)).allowed).toBe(true);
  });
});

describe("review (four-eyes)", () => {
  it("lets another editor or an admin review a draft", () => {
    expect(canReviewClaim(draft, as(OTHER, "editor"))).toEqual({ allowed: true });
    expect(canReviewClaim(draft, as(OTHER, "admin"))).toEqual({ allowed: true });
  });

  it("refuses the submitter, even an editor or admin", () => {
    for (const role of ["editor", "admin"] as const) {
      expect(canReviewClaim(draft, as(SUBMITTER, role))).toEqual({
        allowed: false,
        code: "forbidden",
        reason: "You submitted this claim, so another editor must review it",
      });
    }
  });

  it("refuses reporters", () => {
    expect(canReviewClaim(draft, as(OTHER, "reporter"))).toMatchObject({ allowed: false, code: "forbidden", reason: "Only editors can review claims" });
  });

  it("is a conflict when the claim is no longer a draft", () => {
    expect(canReviewClaim(reviewed, as(OTHER, "editor"))).toMatchObject({ allowed: false, code: "conflict", reason: "This claim is already reviewed" });
    expect(canReviewClaim(verified, as(OTHER, "editor"))).toMatchObject({ code: "conflict" });
  });
});

describe("verify (two-person rule)", () => {
  it("lets an editor who neither submitted nor reviewed verify", () => {
    expect(canVerifyClaim(reviewed, as(OTHER, "editor"))).toEqual({ allowed: true });
    expect(canVerifyClaim(reviewed, as(OTHER, "admin"))).toEqual({ allowed: true });
  });

  it("a reviewer cannot verify their own review", () => {
    expect(canVerifyClaim(reviewed, as(REVIEWER, "editor"))).toEqual({
      allowed: false,
      code: "forbidden",
      reason: "You reviewed this claim in this round, so a different editor must verify it",
    });
    expect(canVerifyClaim(reviewed, as(REVIEWER, "admin")).allowed).toBe(false);
  });

  it("the submitter cannot verify", () => {
    expect(canVerifyClaim(reviewed, as(SUBMITTER, "admin"))).toMatchObject({
      allowed: false,
      reason: "You submitted this claim, so a different editor must verify it",
    });
  });

  it("someone who reviewed in an earlier round may verify this round's review by another editor", () => {
    const laterRound: ClaimFacts = { ...reviewed, currentReviewerId: OTHER };
    expect(canVerifyClaim(laterRound, as(REVIEWER, "editor"))).toEqual({ allowed: true });
  });

  it("needs a reviewed claim", () => {
    expect(canVerifyClaim(draft, as(OTHER, "editor"))).toMatchObject({ code: "conflict", reason: "This claim must be reviewed before it can be verified" });
    expect(canVerifyClaim(verified, as(OTHER, "editor"))).toMatchObject({ code: "conflict", reason: "This claim is already verified" });
  });

  it("refuses reporters", () => {
    expect(canVerifyClaim(reviewed, as(OTHER, "reporter"))).toMatchObject({ code: "forbidden", reason: "Only editors can verify claims" });
  });
});

describe("return", () => {
  it("lets any editor return reviewed or verified claims, including the submitter", () => {
    expect(canReturnClaim(reviewed, as(OTHER, "editor")).allowed).toBe(true);
    expect(canReturnClaim(verified, as(SUBMITTER, "admin")).allowed).toBe(true);
  });
  it("refuses drafts and reporters", () => {
    expect(canReturnClaim(draft, as(OTHER, "editor"))).toMatchObject({ code: "conflict", reason: "This claim is already a draft" });
    expect(canReturnClaim(reviewed, as(SUBMITTER, "reporter"))).toMatchObject({ code: "forbidden", reason: "Only editors can return claims" });
  });
});

describe("edit", () => {
  it("lets the submitter or an editor edit a draft", () => {
    expect(canEditClaim(draft, as(SUBMITTER, "reporter")).allowed).toBe(true);
    expect(canEditClaim(draft, as(OTHER, "editor")).allowed).toBe(true);
  });
  it("refuses other reporters", () => {
    expect(canEditClaim(draft, as(OTHER, "reporter"))).toMatchObject({ code: "forbidden", reason: "Only the submitter or an editor can edit this claim" });
  });
  it("only drafts can be edited", () => {
    expect(canEditClaim(reviewed, as(SUBMITTER, "reporter"))).toMatchObject({ code: "conflict", reason: expect.stringContaining("Only drafts can be edited") });
    expect(canEditClaim(verified, as(OTHER, "admin"))).toMatchObject({ code: "conflict" });
  });
});

describe("assign and citations", () => {
  it("only editors assign", () => {
    expect(canAssignClaim(draft, as(OTHER, "editor")).allowed).toBe(true);
    expect(canAssignClaim(draft, as(SUBMITTER, "reporter"))).toMatchObject({ code: "forbidden", reason: "Only editors can assign claims" });
  });
  it("only active editors and admins can be assignees", () => {
    expect(canBeAssigned({ role: "editor", disabled: false, name: "E" }).allowed).toBe(true);
    expect(canBeAssigned({ role: "admin", disabled: false, name: "A" }).allowed).toBe(true);
    expect(canBeAssigned({ role: "reporter", disabled: false, name: "R" })).toMatchObject({ allowed: false, reason: expect.stringContaining("not an editor") });
    expect(canBeAssigned({ role: "editor", disabled: true, name: "D" })).toMatchObject({ allowed: false, reason: expect.stringContaining("disabled") });
  });
  it("the submitter or an editor adds citations in any state", () => {
    expect(canAddCitations(verified, as(SUBMITTER, "reporter")).allowed).toBe(true);
    expect(canAddCitations(verified, as(OTHER, "editor")).allowed).toBe(true);
    expect(canAddCitations(draft, as(OTHER, "reporter")).allowed).toBe(false);
  });
});

describe("publishing", () => {
  it("editors and admins publish and withdraw summaries; reporters do not", () => {
    for (const rule of [canPublishSummary, canWithdrawSummary]) {
      expect(rule(as(OTHER, "editor"))).toEqual({ allowed: true });
      expect(rule(as(OTHER, "admin"))).toEqual({ allowed: true });
      expect(rule(as(OTHER, "reporter"))).toMatchObject({ allowed: false, code: "forbidden" });
    }
    expect(canPublishSummary(as(OTHER, "reporter"))).toMatchObject({ reason: "Only editors can publish summaries" });
  });
});

describe("allowedActions", () => {
  it("reports every action with the same verdicts as the rules", () => {
    const actions = allowedActions(reviewed, as(REVIEWER, "editor"));
    expect(Object.keys(actions).sort()).toEqual(["addCitation", "assign", "edit", "return", "review", "verify"]);
    expect(actions.verify).toEqual(canVerifyClaim(reviewed, as(REVIEWER, "editor")));
    expect(actions.verify.allowed).toBe(false);
    expect(actions.return.allowed).toBe(true);
    expect(actions.edit).toMatchObject({ allowed: false, reason: expect.stringContaining("Only drafts") });
  });

  it("gives a reporter's own draft edit and citations but no editorial actions", () => {
    const actions = allowedActions(draft, as(SUBMITTER, "reporter"));
    expect(actions.edit.allowed).toBe(true);
    expect(actions.addCitation.allowed).toBe(true);
    expect(actions.review).toMatchObject({ allowed: false, reason: "Only editors can review claims" });
    expect(actions.assign.allowed).toBe(false);
  });
});

describe("the state machine (TRANSITIONS)", () => {
  // An editor who is neither the submitter nor this round's reviewer: only the state can stand in the way.
  const bystander = as(OTHER, "editor");
  const inState = (state: ClaimFacts["state"]): ClaimFacts => ({ state, submitterId: SUBMITTER, currentReviewerId: REVIEWER });

  it("each transition is allowed from exactly the states TRANSITIONS lists, and is a conflict from every other", () => {
    for (const action of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]) {
      for (const state of CLAIM_STATES) {
        const verdict = canTransitionClaim(action, inState(state), bystander);
        if (TRANSITIONS[action].from.includes(state)) expect(verdict, `${action} from ${state}`).toEqual({ allowed: true });
        else expect(verdict, `${action} from ${state}`).toMatchObject({ allowed: false, code: "conflict" });
      }
    }
  });

  it("the rules read the states from TRANSITIONS rather than coding them again", () => {
    const from = TRANSITIONS.return.from;
    try {
      (TRANSITIONS.return as { from: readonly ClaimFacts["state"][] }).from = ["verified"];
      expect(canReturnClaim(reviewed, bystander)).toMatchObject({ allowed: false, code: "conflict" });
      expect(canReturnClaim(verified, bystander)).toEqual({ allowed: true });
    } finally {
      (TRANSITIONS.return as { from: readonly ClaimFacts["state"][] }).from = from;
    }
  });
});

describe("queueFilters", () => {
  it("leaves an editor's filters as chosen and fixes a reporter's queue to the claims they submitted", () => {
    expect(queueFilters({ id: 7, role: "editor" }, { state: "draft" as const, submitterId: 3 })).toEqual({ state: "draft", submitterId: 3 });
    expect(queueFilters({ id: 9, role: "admin" }, {})).toEqual({});
    expect(queueFilters({ id: 5, role: "reporter" }, { state: "draft" as const, submitterId: 3 })).toEqual({ state: "draft", submitterId: 5 });
  });
});
