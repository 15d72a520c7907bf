import { and, asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { addComment } from "@/lib/comments/comments";
import { mentionOf } from "@/lib/comments/mentions";
import type { RecordedEvent } from "@/lib/events/types";
import { addFollow, followClaim, followersOf, isFollowing, listFollowedChanges, markSeen, unfollowClaim } from "@/lib/follows/follows";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { unwrap } from "@/lib/workflow/test-fixtures";
import { notify } from "./handler";
import { setPreferences } from "./preferences";

let nextEvent = 500_000;
const AT = "2026-06-10T12:00:00.000Z";

/** A claim row written directly (the workflow's submit is not on every engine yet). */
async function claimOn(db: Db, submitter: Actor, text = `Unemployment fell by ${Math.random()} percent last year.`) {
  const { claims } = tablesOf(db);
  const [claim] = await db.insert(claims).values({ text, textHash: `hash-${Math.random()}`, submitterId: submitter.id, createdAt: AT, updatedAt: AT }).returning();
  return claim;
}

async function inbox(db: Db, userId: number) {
  const { notifications } = tablesOf(db);
  return db.select({ kind: notifications.kind, message: notifications.message }).from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.id));
}

async function followOf(db: Db, userId: number, claimId: number) {
  const { follows } = tablesOf(db);
  return firstRow(db.select({ reason: follows.reason, seenVersion: follows.seenVersion }).from(follows).where(and(eq(follows.userId, userId), eq(follows.claimId, claimId))));
}

function assigned(actor: Actor, claimId: number, assignee: Actor): RecordedEvent {
  return { id: ++nextEvent, kind: "claim.assigned", actorId: actor.id, at: AT, claimId, articleId: null, version: 2, assigneeId: assignee.id, previous: null };
}

function reviewed(actor: Actor, claimId: number): RecordedEvent {
  return { id: ++nextEvent, kind: "claim.transitioned", actorId: actor.id, at: AT, claimId, articleId: null, version: 2, action: "review", from: "draft", to: "reviewed", round: 1, verdict: null };
}

onEveryEngine("the notifications handler", (database) => {
  it("tells the assignee, who then follows; replayed or overlapping dispatches add nothing", async () => {
    const db = database();
    const reporter = await createUserOn(db, "reporter", "Rita Reporter");
    const ada = await createUserOn(db, "editor", "Ada Editor");
    const ben = await createUserOn(db, "editor", "Ben Editor");
    const claim = await claimOn(db, reporter, "Alice Marie Johnson served more than 21 years in prison.");
    const event = assigned(ada, claim.id, ben);
    await notify(db, [event]);
    await notify(db, [event]);
    await Promise.all([notify(db, [event]), notify(db, [event])]);
    expect(await inbox(db, ben.id)).toEqual([{ kind: "assigned", message: `Ada Editor assigned you claim #${claim.id}: “Alice Marie Johnson served more than 21 years in prison.”` }]);
    expect(await inbox(db, ada.id)).toEqual([]);
    expect(await followersOf(db, claim.id)).toEqual([ben.id]);
    expect(await followOf(db, ben.id, claim.id)).toEqual({ reason: "assigned", seenVersion: 2 });
  });

  it("tells the submitter and each follower of a review once, never the reviewer, a disabled user or a muted kind", async () => {
    const db = database();
    const { users } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter", "Rita Reporter");
    const ada = await createUserOn(db, "editor", "Ada Editor");
    const [carol, dan, erin] = [await createUserOn(db, "reporter"), await createUserOn(db, "reporter"), await createUserOn(db, "reporter")];
    const claim = await claimOn(db, reporter);
    for (const follower of [reporter, carol, dan, erin]) await addFollow(db, follower.id, claim.id, follower === reporter ? "submitted" : "chose", 1, AT);
    await db.update(users).set({ disabled: true }).where(eq(users.id, dan.id));
    unwrap(await setPreferences(db, erin, { enabled: ["mentioned"], emailMode: "off" }));

    await notify(db, [reviewed(ada, claim.id)]);
    expect(await inbox(db, reporter.id)).toEqual([{ kind: "reviewed", message: `Ada Editor reviewed your claim #${claim.id}` }]);
    expect(await inbox(db, carol.id)).toEqual([{ kind: "followed_changed", message: `Ada Editor reviewed claim #${claim.id}, which you follow (now Reviewed)` }]);
    expect(await inbox(db, dan.id)).toEqual([]);
    expect(await inbox(db, erin.id)).toEqual([]);
    expect(await inbox(db, ada.id)).toEqual([]);
    // The reviewer follows now, having seen the claim as they left it.
    expect(await followOf(db, ada.id, claim.id)).toEqual({ reason: "reviewed", seenVersion: 2 });
    expect((await followersOf(db, claim.id)).sort((a, b) => a - b)).toEqual([reporter.id, ada.id, carol.id, dan.id, erin.id].sort((a, b) => a - b));
  });

  it("quotes a mentioning comment as plain text", async () => {
    const db = database();
    const reporter = await createUserOn(db, "reporter", "Rita Reporter");
    const ada = await createUserOn(db, "editor", "Ada Editor");
    const claim = await claimOn(db, reporter);
    const added = await addComment(db, ada, claim.id, { body: `${mentionOf(reporter)} is the **year** right?` });
    unwrap(added);
    await notify(db, added.events);
    expect(await inbox(db, reporter.id)).toEqual([{ kind: "mentioned", message: `Ada Editor mentioned you on claim #${claim.id}: “@Rita Reporter is the year right?”` }]);
  });
});

onEveryEngine("follows", (database) => {
  it("keeps the version a follower last saw, never moving it back", async () => {
    const db = database();
    const reporter = await createUserOn(db, "reporter");
    const claim = await claimOn(db, reporter);
    expect(await followersOf(db, claim.id)).toEqual([]);
    await addFollow(db, reporter.id, claim.id, "chose", 1, AT);
    await addFollow(db, reporter.id, claim.id, "submitted", 3, AT); // already following: no-op
    expect(await followOf(db, reporter.id, claim.id)).toEqual({ reason: "chose", seenVersion: 1 });
    await markSeen(db, reporter.id, claim.id, 4);
    expect(await followOf(db, reporter.id, claim.id)).toEqual({ reason: "chose", seenVersion: 4 });
    await markSeen(db, reporter.id, claim.id, 2);
    expect(await followOf(db, reporter.id, claim.id)).toEqual({ reason: "chose", seenVersion: 4 });
    expect(await followersOf(db, claim.id)).toEqual([reporter.id]);
  });

  it("follows and unfollows a claim by choice, at the version it is at; a missing claim is refused", async () => {
    const db = database();
    const { claims } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter");
    const claim = await claimOn(db, reporter);
    await db.update(claims).set({ version: 4 }).where(eq(claims.id, claim.id));
    expect(await isFollowing(db, reporter.id, claim.id)).toBe(false);
    expect(await followClaim(db, reporter.id, claim.id)).toBe(true);
    expect(await isFollowing(db, reporter.id, claim.id)).toBe(true);
    expect(await followOf(db, reporter.id, claim.id)).toEqual({ reason: "chose", seenVersion: 4 });
    expect(await followClaim(db, reporter.id, claim.id)).toBe(true); // already following: unchanged
    expect(await unfollowClaim(db, reporter.id, claim.id)).toBe(true);
    expect(await isFollowing(db, reporter.id, claim.id)).toBe(false);
    expect(await unfollowClaim(db, reporter.id, claim.id)).toBe(true); // not following: nothing to do
    expect(await followClaim(db, reporter.id, 9_999_999)).toBe(false);
    expect(await unfollowClaim(db, reporter.id, 9_999_999)).toBe(false);
  });

  it("lists the followed claims that changed since their follower saw them, most recently changed first", async () => {
    const db = database();
    const { claims } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter");
    const [older, newer, unchanged] = [await claimOn(db, reporter), await claimOn(db, reporter), await claimOn(db, reporter)];
    for (const claim of [older, newer, unchanged]) await addFollow(db, reporter.id, claim.id, "chose", 1, AT);
    await db.update(claims).set({ version: 2, state: "reviewed", updatedAt: "2026-06-11T09:00:00.000Z" }).where(eq(claims.id, older.id));
    await db.update(claims).set({ version: 3, updatedAt: "2026-06-12T09:00:00.000Z" }).where(eq(claims.id, newer.id));
    expect(await listFollowedChanges(db, reporter.id)).toEqual([
      { claimId: newer.id, text: newer.text, state: "draft", version: 3, seenVersion: 1, updatedAt: "2026-06-12T09:00:00.000Z" },
      { claimId: older.id, text: older.text, state: "reviewed", version: 2, seenVersion: 1, updatedAt: "2026-06-11T09:00:00.000Z" },
    ]);
    expect((await listFollowedChanges(db, reporter.id, 1)).map((change) => change.claimId)).toEqual([newer.id]);
    await markSeen(db, reporter.id, newer.id, 3);
    expect((await listFollowedChanges(db, reporter.id)).map((change) => change.claimId)).toEqual([older.id]);
  });
});
