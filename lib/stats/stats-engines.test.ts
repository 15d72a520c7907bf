import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import type { ClaimState, SignoffAction } from "@/lib/core/vocabulary";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { deskStats, deskStatsFromSql } from "./stats";

const DAY = "2024-03-05";
const at = (hours: number) => new Date(Date.parse(`${DAY}T01:00:00.000Z`) + hours * 3_600_000).toISOString();
const NOW = new Date(at(24));
const PERIOD = { from: DAY, to: DAY };

let signoffsMade = 0;

/**
 * A claim and its sign-offs written directly, as the workflow would leave them (its write path is
 * tested on every engine elsewhere; here only what the figures are made of matters).
 */
async function history(db: Db, submitter: Actor, steps: Array<{ action: SignoffAction; by: Actor; hours: number; round?: number }>, assignee: Actor | null = null) {
  const { claims, claimAssignments, signoffs } = tablesOf(db);
  const to: Record<SignoffAction, ClaimState> = { submit: "draft", review: "reviewed", verify: "verified", return: "draft" };
  const last = steps.at(-1)!;
  const [claim] = await db
    .insert(claims)
    .values({
      text: `A claim ${Math.random()}`,
      textHash: `hash-${Math.random()}`,
      submitterId: submitter.id,
      state: to[last.action],
      round: last.round ?? 1,
      version: steps.length,
      verdict: steps.some((step) => step.action === "verify") ? "true" : null,
      assigneeId: assignee?.id ?? null,
      createdAt: at(steps[0]!.hours),
      updatedAt: at(last.hours),
    })
    .returning();
  let from: ClaimState | null = null;
  for (const [index, step] of steps.entries()) {
    const hash = `${++signoffsMade}`.padStart(64, "0");
    await db.insert(signoffs).values({
      claimId: claim!.id,
      action: step.action,
      fromState: from,
      toState: to[step.action],
      userId: step.by.id,
      note: step.action,
      verdict: step.action === "verify" ? "true" : null,
      claimVersion: index + 1,
      textHash: claim!.textHash,
      round: step.round ?? 1,
      prevHash: "0".repeat(64),
      hash,
      createdAt: at(step.hours),
    });
    from = to[step.action];
  }
  if (assignee) await db.insert(claimAssignments).values({ claimId: claim!.id, assigneeId: assignee.id, assignedById: assignee.id, createdAt: at(0) });
  return claim!;
}

onEveryEngine(
  "the dashboard's figures",
  (database) => {
    it("are worked out the same from the ledger and from SQL: stays, per day, returns per round, loads, the longest waiting", async () => {
      const db = database();
      const { articles, publications, summaries } = tablesOf(db);
      const rita = await createUserOn(db, "reporter", "Rita Reporter");
      const ada = await createUserOn(db, "editor", "Ada Editor");
      const ben = await createUserOn(db, "editor", "Ben Editor");
      const [article] = await db.insert(articles).values({ title: "Clemency", body: "Body.", contentHash: `h-${Math.random()}`, createdById: rita.id }).returning();
      // Verified and published: 2 h a draft, 3 h reviewed, 3 h verified until the publication.
      const published = await history(db, rita, [
        { action: "submit", by: rita, hours: 0 },
        { action: "review", by: ada, hours: 2 },
        { action: "verify", by: ben, hours: 5 },
      ]);
      // Returned: 3 h a draft, 2 h reviewed, then a draft again in round 2 (waiting since hour 6).
      const returned = await history(db, rita, [
        { action: "submit", by: rita, hours: 1 },
        { action: "review", by: ada, hours: 4 },
        { action: "return", by: ben, hours: 6, round: 2 },
      ]);
      // A draft assigned to Ada, waiting since hour 3.
      const waiting = await history(db, rita, [{ action: "submit", by: rita, hours: 3 }], ada);
      const [summary] = await db.insert(summaries).values({ articleId: article!.id, slug: `clemency-${Math.random()}`, currentVersion: 1, createdAt: at(8), updatedAt: at(8) }).returning();
      await db.insert(publications).values({
        summaryId: summary!.id,
        version: 1,
        title: "Clemency checked",
        introduction: "What we found.",
        snapshot: JSON.stringify({ claims: [{ id: published.id }] }),
        publishedById: ben.id,
        publishedAt: at(8),
      });

      const stats = await deskStats(db, ada, PERIOD, NOW);
      expect(stats).toEqual(await deskStatsFromSql(db, ada, PERIOD, NOW));
      expect(stats.scope).toBe("desk");
      expect(stats.counts).toEqual({ draft: 2, reviewed: 0, verified: 1 });
      expect(stats.timeInState).toEqual({
        draft: { medianHours: 2.5, p90Hours: 2.9, n: 2 },
        reviewed: { medianHours: 2.5, p90Hours: 2.9, n: 2 },
        verified: { medianHours: 3, p90Hours: 3, n: 1 },
      });
      expect(stats.perDay).toEqual([{ date: DAY, submitted: 3, verified: 1, published: 1 }]);
      expect(stats.returnsPerRound).toEqual([{ round: 1, returns: 1 }]);
      expect(stats.longestWaiting.map((claim) => [claim.claimId, claim.since, claim.assigneeName, claim.waitingHours])).toEqual([
        [waiting.id, at(3), "Ada Editor", 21],
        [returned.id, at(6), null, 18],
      ]);
      // Ada may review both drafts (neither is hers) and has one assigned; Ben likewise may review both.
      expect(stats.perPerson).toEqual([
        { userId: ada.id, name: "Ada Editor", role: "editor", assigned: 1, awaitingReview: 2, awaitingVerify: 0 },
        { userId: ben.id, name: "Ben Editor", role: "editor", assigned: 0, awaitingReview: 2, awaitingVerify: 0 },
      ]);
      // Drafts entered 21 h and 18 h before NOW: within the desk's 48 h target.
      expect(stats.overdue).toEqual({ count: 0, claims: [] });

      // A reporter's figures are for the claims they submitted: all of these are Rita's.
      const own = await deskStats(db, rita, PERIOD, NOW);
      expect(own).toEqual(await deskStatsFromSql(db, rita, PERIOD, NOW));
      expect(own).toMatchObject({ scope: "own", counts: stats.counts, timeInState: stats.timeInState, perDay: stats.perDay });
      const other = await createUserOn(db, "reporter");
      expect(await deskStats(db, other, PERIOD, NOW)).toMatchObject({ scope: "own", counts: { draft: 0, reviewed: 0, verified: 0 }, perDay: [{ date: DAY, submitted: 0, verified: 0, published: 0 }], longestWaiting: [] });
    });
  },
  { freshEach: true },
);
