import assert from "node:assert/strict";
import { asc, eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { citations, claims, signoffCitations, signoffs, users, type Claim } from "@/db/schema";
import { type Verdict, VERDICTS } from "@/lib/core/vocabulary";
import type { Actor } from "@/lib/core/actor";
import type { ErrorCode, Result } from "@/lib/core/result";
import { createTestUser } from "@/lib/testing/db";
import { addCitations } from "./add-citations";
import { assignClaim } from "./assign";
import { verifyAuditChain } from "./audit";
import { editClaim } from "./edit";
import { sha256Hex } from "./hash";
import { submitClaim } from "./submit";
import { citation, createDesk, snapshot } from "./test-fixtures";
import { transitionClaim } from "./transition";

/*
 * Random sequences of every workflow action by every kind of user, with stale versions and bad
 * citations mixed in. Each step's outcome is predicted by a small oracle written here from DESIGN.md
 * (independently of rules.ts), and after every step the database must satisfy the workflow's
 * invariants: the sign-offs and citations each state demands, four-eyes and two-person rules,
 * monotonic versions, and an intact audit chain.
 */

const ACTOR_KEYS = ["reporter", "otherReporter", "editorA", "editorB", "editorC", "admin"] as const;
type ActorKey = (typeof ACTOR_KEYS)[number];
const TEXTS = ["The sentence was commuted in June 2018.", "She was 63 years old at the time.", "She was 62 years old at the time."];

type CitationMode = "existing" | "new" | "both" | "none" | "foreign";
type Step =
  | { kind: "submit"; actor: ActorKey; text: number; withOrigin: boolean }
  | { kind: "edit"; actor: ActorKey; claim: number; skew: number; text: number }
  | { kind: "review" | "verify" | "return"; actor: ActorKey; claim: number; skew: number; citations: CitationMode; verdict: Verdict }
  | { kind: "assign"; actor: ActorKey; claim: number; skew: number; assignee: ActorKey | "disabled" | "nobody" }
  | { kind: "addCitations"; actor: ActorKey; claim: number; skew: number };

// Editors are over-represented so claims get far enough (reviewed, verified, returned) often.
const actorArb = fc.constantFrom<ActorKey>(...ACTOR_KEYS, "editorA", "editorB", "editorC", "admin");
/** Index into the existing claims (modulo their number); MISSING_CLAIM targets a claim that does not exist. */
const MISSING_CLAIM = 11;
const claimArb = fc.nat({ max: MISSING_CLAIM });
const skewArb = fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.constantFrom(-1, 1, 3) });

const submitArb = fc.record({ kind: fc.constant("submit" as const), actor: actorArb, text: fc.nat({ max: 2 }), withOrigin: fc.constantFrom(true, true, true, true, false) });

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: submitArb },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("edit" as const), actor: actorArb, claim: claimArb, skew: skewArb, text: fc.nat({ max: 2 }) }) },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constantFrom("review" as const, "verify" as const, "return" as const),
      actor: actorArb,
      claim: claimArb,
      skew: skewArb,
      citations: fc.constantFrom<CitationMode>("existing", "existing", "existing", "existing", "existing", "new", "both", "none", "foreign"),
      verdict: fc.constantFrom(...VERDICTS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("assign" as const), actor: actorArb, claim: claimArb, skew: skewArb, assignee: fc.constantFrom<ActorKey | "disabled" | "nobody">(...ACTOR_KEYS, "disabled", "nobody") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("addCitations" as const), actor: actorArb, claim: claimArb, skew: skewArb }) },
);

/** The version a step sends: the claim's, or a stale/future one when skewed (never below 1, so a schema error cannot hide a conflict). */
const sentVersion = (target: Claim | undefined, skew: number) => Math.max(1, (target?.version ?? 1) + skew);

const isEditor = (actor: Actor) => actor.role === "editor" || actor.role === "admin";

interface World {
  db: Db;
  reads: ReturnType<typeof prepareReads>;
  actors: Record<ActorKey, Actor>;
  disabledEditorId: number;
  articleId: number;
}

function createWorld(): World {
  const desk = createDesk();
  const disabled = createTestUser(desk.db, "editor", "Disabled Editor");
  desk.db.update(users).set({ disabled: true }).where(eq(users.id, disabled.id)).run();
  const { db, articleId, ...actors } = desk;
  return { db, reads: prepareReads(db), actors, disabledEditorId: disabled.id, articleId };
}

/** The whole-table reads the checks repeat after every step, prepared once a world. */
function prepareReads(db: Db) {
  return {
    claims: db.select().from(claims).orderBy(asc(claims.id)).prepare(),
    users: db.select({ id: users.id, role: users.role }).from(users).prepare(),
    citations: db.select().from(citations).prepare(),
    links: db.select().from(signoffCitations).prepare(),
    signoffs: db.select().from(signoffs).orderBy(asc(signoffs.id)).prepare(),
  };
}

const claimRows = (world: World): Claim[] => world.reads.claims.all();

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function reviewerOfRound(db: Db, claim: Claim): number | null {
  const reviews = db.select().from(signoffs).where(eq(signoffs.claimId, claim.id)).all().filter((s) => s.action === "review" && s.round === claim.round);
  return reviews.at(-1)?.userId ?? null;
}

/** The outcome DESIGN.md prescribes: an error code, or a change with how much the version moves. */
type Expected = { code: ErrorCode } | { bump: 0 | 1 };

function oracle(world: World, step: Step, target: Claim | undefined): Expected {
  const actor = world.actors[step.actor];
  if (step.kind === "submit") return step.withOrigin ? { bump: 1 } : { code: "invalid" };
  if (step.kind === "review" || step.kind === "verify" || step.kind === "return") {
    if (step.citations === "none") return { code: "invalid" };
  }
  if (!target) return { code: "not_found" };
  const isSubmitter = target.submitterId === actor.id;
  const versionOk = sentVersion(target, step.skew) === target.version;
  switch (step.kind) {
    case "edit":
      if (!isSubmitter && !isEditor(actor)) return { code: "forbidden" };
      if (target.state !== "draft") return { code: "conflict" };
      if (!versionOk) return { code: "conflict" };
      return { bump: TEXTS[step.text] === target.text ? 0 : 1 };
    case "addCitations":
      if (!isSubmitter && !isEditor(actor)) return { code: "forbidden" };
      return versionOk ? { bump: 1 } : { code: "conflict" };
    case "assign": {
      if (!isEditor(actor)) return { code: "forbidden" };
      if (!versionOk) return { code: "conflict" };
      if (step.assignee === "nobody") return { bump: target.assigneeId === null ? 0 : 1 };
      if (step.assignee === "disabled") return { code: "invalid" };
      const assignee = world.actors[step.assignee];
      if (!isEditor(assignee)) return { code: "invalid" };
      return { bump: target.assigneeId === assignee.id ? 0 : 1 };
    }
    default: {
      if (!isEditor(actor)) return { code: "forbidden" };
      const from = { review: ["draft"], verify: ["reviewed"], return: ["reviewed", "verified"] }[step.kind];
      if (!from.includes(target.state)) return { code: "conflict" };
      if (step.kind === "review" && isSubmitter) return { code: "forbidden" };
      if (step.kind === "verify" && (isSubmitter || reviewerOfRound(world.db, target) === actor.id)) return { code: "forbidden" };
      if (!versionOk) return { code: "conflict" };
      if (step.citations === "foreign") return { code: "invalid" };
      return { bump: 1 };
    }
  }
}

function run(world: World, step: Step, target: Claim | undefined): Promise<Result<unknown>> {
  const { db } = world;
  const actor = world.actors[step.actor];
  if (step.kind === "submit") {
    const origin = citation({ kind: step.withOrigin ? "origin" : "supports" });
    return submitClaimWith(db, actor, TEXTS[step.text]!, origin, world.articleId);
  }
  const claimId = target?.id ?? 9999;
  const expectedVersion = sentVersion(target, step.skew);
  switch (step.kind) {
    case "edit":
      return editClaim(db, actor, claimId, { text: TEXTS[step.text], expectedVersion });
    case "addCitations":
      return addCitations(db, actor, claimId, { citations: [citation({ kind: "supports" })], expectedVersion });
    case "assign": {
      const assigneeId = step.assignee === "nobody" ? null : step.assignee === "disabled" ? world.disabledEditorId : world.actors[step.assignee].id;
      return assignClaim(db, actor, claimId, { assigneeId, expectedVersion });
    }
    default: {
      // For a claim that does not exist, name some citation so the request is well-formed and reaches not_found.
      const own = target ? db.select({ id: citations.id }).from(citations).where(eq(citations.claimId, target.id)).all().map((c) => c.id) : [1];
      const foreign = db.select({ id: citations.id, claimId: citations.claimId }).from(citations).all().find((c) => c.claimId !== target?.id)?.id ?? 123456;
      const mode = step.citations;
      return transitionClaim(db, actor, claimId, {
        action: step.kind,
        note: `${step.kind} by ${actor.name}`,
        verdict: step.kind === "verify" ? step.verdict : undefined,
        citationIds: mode === "existing" || mode === "both" ? own.slice(0, 1) : mode === "foreign" ? [...own.slice(0, 1), foreign] : undefined,
        citations: mode === "new" || mode === "both" ? [citation({ kind: "supports" })] : undefined,
        expectedVersion,
      });
    }
  }
}

function submitClaimWith(db: Db, actor: Actor, text: string, origin: ReturnType<typeof citation>, articleId: number) {
  return submitClaim(db, actor, { text, articleId, citations: [origin] });
}

/**
 * What the workflow demands of every claim, checked straight from the tables after every step.
 * Plain assertions and prepared reads: this runs thousands of times, and vitest's expect and
 * drizzle's query building cost more than the workflow itself here.
 */
async function checkInvariants(world: World): Promise<void> {
  const { db, reads } = world;
  const roleOf = new Map(reads.users.all().map((u) => [u.id, u.role]));
  const citationById = new Map(reads.citations.all().map((c) => [c.id, c]));
  const linksBySignoff = groupBy(reads.links.all(), (l) => l.signoffId);
  const allSignoffs = reads.signoffs.all();
  const historyOf = groupBy(allSignoffs, (s) => s.claimId);

  const chain = await verifyAuditChain(db);
  assert.ok(chain.ok, `audit chain broken: ${JSON.stringify(chain)}`);
  assert.equal(chain.count, allSignoffs.length, "the chain covers every sign-off");

  for (const claim of reads.claims.all()) {
    const at = `claim ${claim.id}`;
    assert.equal(claim.textHash, sha256Hex(claim.text), `${at}: text hash`);
    const history = historyOf.get(claim.id) ?? [];
    const first = history[0];
    assert.ok(first, `${at}: has a submit sign-off`);
    assert.deepEqual(
      { action: first.action, fromState: first.fromState, toState: first.toState, claimVersion: first.claimVersion, round: first.round, userId: first.userId },
      { action: "submit", fromState: null, toState: "draft", claimVersion: 1, round: 1, userId: claim.submitterId },
      `${at}: first sign-off is the submission`,
    );

    history.forEach((signoff, index) => {
      const where = `${at}, sign-off ${signoff.id}`;
      if (index > 0) {
        assert.equal(signoff.fromState, history[index - 1]!.toState, `${where}: continues from the previous state`);
        assert.ok(signoff.claimVersion > history[index - 1]!.claimVersion, `${where}: version moves forward`);
      }
      assert.notEqual(signoff.note.trim(), "", `${where}: has a note`);
      const own = linksBySignoff.get(signoff.id) ?? [];
      assert.ok(own.length >= 1, `${where}: cites at least one source`);
      for (const link of own) {
        const cited = citationById.get(link.citationId);
        assert.equal(cited?.claimId, claim.id, `${where}: cites its own claim's citation`);
        assert.equal(link.quoteHash, cited.quoteHash, `${where}: quote hash as cited`);
      }
      if (signoff.action !== "submit") assert.ok(["editor", "admin"].includes(roleOf.get(signoff.userId) ?? ""), `${where}: signed by an editor`);
    });

    const last = history.at(-1)!;
    assert.equal(last.toState, claim.state, `${at}: state is the last sign-off's`);
    assert.ok(claim.version >= last.claimVersion, `${at}: version at least the last sign-off's`);
    assert.equal(history.filter((s) => s.action === "return").length, claim.round - 1, `${at}: one return per extra round`);

    const thisRound = history.filter((s) => s.round === claim.round);
    const review = thisRound.find((s) => s.action === "review");
    const verify = thisRound.find((s) => s.action === "verify");
    if (claim.state === "draft") {
      assert.equal(claim.verdict, null, `${at}: a draft has no verdict`);
      assert.equal(review, undefined, `${at}: a draft has no review this round`);
    }
    if (claim.state === "reviewed" || claim.state === "verified") {
      assert.ok(review, `${at}: reviewed this round`);
      assert.notEqual(review.userId, claim.submitterId, `${at}: four-eyes`);
      assert.equal(review.textHash, claim.textHash, `${at}: review bound to the exact words`);
    }
    if (claim.state === "reviewed") assert.equal(claim.verdict, null, `${at}: no verdict before verification`);
    if (claim.state === "verified") {
      assert.ok(verify && review, `${at}: verified this round`);
      assert.notEqual(verify.userId, claim.submitterId, `${at}: two-person rule (submitter)`);
      assert.notEqual(verify.userId, review.userId, `${at}: two-person rule (reviewer)`);
      assert.notEqual(verify.verdict, null, `${at}: verification names a verdict`);
      assert.equal(claim.verdict, verify.verdict, `${at}: verdict is the verifier's`);
      assert.equal(verify.textHash, claim.textHash, `${at}: verification bound to the exact words`);
    }
  }
}

describe("workflow under random action sequences", () => {
  it("predicts every outcome, writes nothing on refusal, and keeps every invariant", async () => {
    const reached = { succeeded: new Map<string, number>(), refusals: new Set<string>() };
    // A few claims up front, then a long mixed sequence ("medium" size lets arrays grow past ~10 steps).
    const sequenceArb = fc
      .tuple(fc.array(submitArb, { minLength: 1, maxLength: 3 }), fc.array(stepArb, { minLength: 5, maxLength: 60, size: "medium" }))
      .map(([opening, rest]): Step[] => [...opening, ...rest]);
    await fc.assert(
      fc.asyncProperty(sequenceArb, async (steps) => {
        const world = createWorld();
        const versions = new Map<number, number>();
        for (const step of steps) {
          const before = claimRows(world);
          const target = step.kind === "submit" || step.claim === MISSING_CLAIM ? undefined : before[step.claim % Math.max(1, before.length)];
          const expected = oracle(world, step, target);
          const snapshotBefore = "code" in expected ? await snapshot(world.db) : undefined;
          const result = await run(world, step, target);

          if ("code" in expected) {
            expect(result.ok ? "ok" : result.error.code, JSON.stringify(step)).toBe(expected.code);
            expect(await snapshot(world.db)).toEqual(snapshotBefore);
            reached.refusals.add(`${step.kind}:${expected.code}`);
          } else {
            expect(result.ok ? "ok" : `${result.error.code}: ${result.error.message}`, JSON.stringify(step)).toBe("ok");
            reached.succeeded.set(step.kind, (reached.succeeded.get(step.kind) ?? 0) + 1);
            const after = claimRows(world);
            for (const claim of after) {
              const previous = before.find((c) => c.id === claim.id);
              const delta = previous ? claim.version - previous.version : claim.version;
              assert.equal(delta, claim.id === target?.id || !previous ? expected.bump : 0, `claim ${claim.id}: version moved by ${delta} on ${JSON.stringify(step)}`);
            }
          }
          for (const claim of claimRows(world)) {
            assert.ok(claim.version >= (versions.get(claim.id) ?? 1), `claim ${claim.id}: version never goes back`);
            versions.set(claim.id, claim.version);
          }
          await checkInvariants(world);
        }
      }),
      { numRuns: 100 },
    );
    // The generator must actually reach the interesting corners, or the property proves little.
    for (const kind of ["submit", "edit", "review", "verify", "return", "assign", "addCitations"]) {
      expect(reached.succeeded.get(kind) ?? 0, `successful ${kind} steps`).toBeGreaterThanOrEqual(10);
    }
    for (const corner of ["review:forbidden", "verify:forbidden", "verify:conflict", "return:conflict", "review:invalid", "review:not_found", "edit:conflict", "edit:forbidden", "assign:invalid", "assign:forbidden", "addCitations:forbidden", "submit:invalid"]) {
      expect(reached.refusals, corner).toContain(corner);
    }
    // A hundred sequences of up to 63 steps, each checked in full: about 15 s alone, more beside other files.
  }, 90_000);
});
