import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { notifications, users } from "@/db/schema";
import { addComment, editComment } from "@/lib/comments/comments";
import { mentionOf } from "@/lib/comments/mentions";
import { readEventsAfter } from "@/lib/events";
import { followClaim, isFollowing, listFollowedChanges, unfollowClaim } from "@/lib/follows/follows";
import { publishSummary } from "@/lib/publish/publish";
import { createPublishDesk } from "@/lib/publish/test-helpers";
import { assignClaim, transitionClaim } from "@/lib/workflow";
import { refusal, submit, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { commentText, notify } from "./handler";
import { countUnread, listNotifications, markRead, recipientsOf } from "./notifications";
import { preferencesOf, setPreferences } from "./preferences";

/** Hands every event so far to the handler, as dispatch would (replaying old ones is harmless). */
async function dispatch(desk: Desk) {
  await notify(desk.db, await readEventsAfter(desk.db, 0, 10_000));
}

function inbox(desk: Desk, userId: number) {
  return desk.db.select().from(notifications).where(eq(notifications.userId, userId)).all().map((n) => ({ kind: n.kind, message: n.message }));
}

async function review(desk: Desk, claimId: number, by = desk.editorA) {
  const claim = desk.db.query.claims.findFirst({ where: (c, { eq }) => eq(c.id, claimId) }).sync()!;
  return unwrap(await transitionClaim(desk.db, by, claimId, { action: "review", note: "Checked.", citationIds: [1], expectedVersion: claim.version }));
}

describe("commentText", () => {
  it("reads a comment as a person would, for a message", () => {
    expect(commentText("@[Rita Reyes](user:1) Metro says **62**, see [the record](https://x.test/a) and `code`, _really_")).toBe(
      "@Rita Reyes Metro says 62, see the record and code, really",
    );
    expect(commentText("snake_case_name stays; 2*3*4 stays")).toBe("snake_case_name stays; 2*3*4 stays");
  });
});

describe("notifications", () => {
  it("an assignment reaches the assignee, and nobody else", async () => {
    const desk = createPublishDesk();
    const claim = await submit(desk);
    unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: claim.version }));
    await dispatch(desk);
    expect(inbox(desk, desk.editorB.id)).toEqual([{ kind: "assigned", message: `Ada Editor assigned you claim #${claim.id}: “Alice Marie Johnson served more than 21 years in prison.”` }]);
    expect(inbox(desk, desk.editorA.id)).toEqual([]);
    expect(await isFollowing(desk.db, desk.editorB.id, claim.id)).toBe(true);
  });

  it("never tells the actor about their own action", async () => {
    const desk = createPublishDesk();
    const claim = await submit(desk, desk.editorA);
    unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorA.id, expectedVersion: claim.version }));
    unwrap(await addComment(desk.db, desk.editorA, claim.id, { body: `note to self ${mentionOf(desk.editorA)}` }));
    await dispatch(desk);
    expect(inbox(desk, desk.editorA.id)).toEqual([]);
  });

  it("the submitter hears their claim was reviewed, verified and returned (with the reason)", async () => {
    const desk = createPublishDesk();
    const verified = await desk.verified("She was 63 when her sentence was commuted.", "false");
    await desk.returnClaim(verified, desk.editorC);
    await dispatch(desk);
    expect(inbox(desk, desk.reporter.id)).toEqual([
      { kind: "reviewed", message: `Ada Editor reviewed your claim #${verified.id}` },
      { kind: "verified", message: `Ben Editor verified your claim #${verified.id} as False` },
      { kind: "returned", message: `Cy Editor returned your claim #${verified.id}: 'New evidence on her age; reopening.'` },
    ]);
  });

  it("followers hear of state changes, once each, and the one who acted does not", async () => {
    const desk = createPublishDesk();
    const claim = await submit(desk);
    await followClaim(desk.db, desk.otherReporter.id, claim.id);
    await review(desk, claim.id);
    await dispatch(desk);
    expect(inbox(desk, desk.otherReporter.id)).toEqual([{ kind: "followed_changed", message: `Ada Editor reviewed claim #${claim.id}, which you follow (now Reviewed)` }]);
    // The submitter follows too (they submitted it), but hears it once, as their own claim.
    expect(await isFollowing(desk.db, desk.reporter.id, claim.id)).toBe(true);
    expect(inbox(desk, desk.reporter.id).map((n) => n.kind)).toEqual(["reviewed"]);
    expect(inbox(desk, desk.editorA.id)).toEqual([]);
    expect((await listFollowedChanges(desk.db, desk.otherReporter.id)).map((c) => c.claimId)).toEqual([claim.id]);
    // The reviewer now follows it and has seen it as they left it.
    expect(await isFollowing(desk.db, desk.editorA.id, claim.id)).toBe(true);
    expect(await listFollowedChanges(desk.db, desk.editorA.id)).toEqual([]);
    await unfollowClaim(desk.db, desk.otherReporter.id, claim.id);
    expect(await listFollowedChanges(desk.db, desk.otherReporter.id)).toEqual([]);
  });

  it("mentions reach the mentioned, and an edit tells only the newly mentioned", async () => {
    const desk = createPublishDesk();
    const claim = await submit(desk);
    const comment = unwrap(await addComment(desk.db, desk.editorA, claim.id, { body: `${mentionOf(desk.reporter)} is the **year** right?` }));
    unwrap(await editComment(desk.db, desk.editorA, comment.id, { body: `${mentionOf(desk.reporter)} and ${mentionOf(desk.editorB)}: is the year right?` }));
    await dispatch(desk);
    // The message quotes the comment as it reads when the notification is made.
    expect(inbox(desk, desk.reporter.id)).toEqual([{ kind: "mentioned", message: `Ada Editor mentioned you on claim #${claim.id}: “@Rita Reporter and @Ben Editor: is the year right?”` }]);
    expect(inbox(desk, desk.editorB.id).map((n) => n.kind)).toEqual(["mentioned"]);
  });

  it("publishers hear when a claim of their summary is returned: it needs republishing", async () => {
    const desk = createPublishDesk();
    const verified = await desk.verified("She was 63 when her sentence was commuted.", "false");
    unwrap(await publishSummary(desk.db, desk.editorC, desk.articleId, { title: "Clemency checked", introduction: "What we found in the court record." }));
    await desk.returnClaim(verified, desk.editorA);
    await dispatch(desk);
    expect(inbox(desk, desk.editorC.id)).toContainEqual({
      kind: "summary_stale",
      message: `Ada Editor returned claim #${verified.id}, published in your summary “Clemency checked”: it needs republishing: 'New evidence on her age; reopening.'`,
    });
  });

  it("respects each person's choices", async () => {
    const desk = createPublishDesk();
    unwrap(await setPreferences(desk.db, desk.editorB, { enabled: ["mentioned"], emailMode: "daily" }));
    expect(await preferencesOf(desk.db, desk.editorB.id)).toEqual({ enabled: ["mentioned"], emailMode: "daily" });
    expect(refusal(await setPreferences(desk.db, desk.editorB, { enabled: ["bogus"], emailMode: "off" })).code).toBe("invalid");
    const claim = await submit(desk);
    unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: claim.version }));
    unwrap(await addComment(desk.db, desk.editorA, claim.id, { body: `hi ${mentionOf(desk.editorB)}` }));
    await dispatch(desk);
    expect(inbox(desk, desk.editorB.id).map((n) => n.kind)).toEqual(["mentioned"]);
  });

  it("a muted own-claim kind still lets the follow notice through; disabled users get nothing", async () => {
    const desk = createPublishDesk();
    unwrap(await setPreferences(desk.db, desk.reporter, { enabled: ["followed_changed"], emailMode: "off" }));
    const claim = await submit(desk);
    await followClaim(desk.db, desk.otherReporter.id, claim.id);
    desk.db.update(users).set({ disabled: true }).where(eq(users.id, desk.otherReporter.id)).run();
    await review(desk, claim.id);
    await dispatch(desk);
    expect(inbox(desk, desk.reporter.id).map((n) => n.kind)).toEqual(["followed_changed"]);
    expect(inbox(desk, desk.otherReporter.id)).toEqual([]);
  });

  it("is idempotent: replaying the events adds nothing", async () => {
    const desk = createPublishDesk();
    const claim = await submit(desk);
    unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: claim.version }));
    await dispatch(desk);
    await dispatch(desk);
    expect(inbox(desk, desk.editorB.id)).toHaveLength(1);
    const events = await readEventsAfter(desk.db, 0, 100);
    const assigned = events.find((e) => e.kind === "claim.assigned")!;
    expect(await recipientsOf(desk.db, [assigned.id])).toEqual(new Map([[assigned.id, [desk.editorB.id]]]));
  });

  it("lists newest first, counts unread, marks one or all read, only one's own", async () => {
    const desk = createPublishDesk();
    for (let i = 0; i < 3; i++) {
      const claim = await submit(desk);
      unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: claim.version }));
    }
    await dispatch(desk);
    const page = unwrap(await listNotifications(desk.db, desk.editorB.id, { limit: 2 }));
    expect(page.data).toHaveLength(2);
    expect(page.data[0].id).toBeGreaterThan(page.data[1].id);
    expect(page.unreadCount).toBe(3);
    const rest = unwrap(await listNotifications(desk.db, desk.editorB.id, { limit: 2, cursor: page.nextCursor! }));
    expect(rest).toMatchObject({ nextCursor: null });
    expect(rest.data).toHaveLength(1);
    expect(unwrap(await markRead(desk.db, desk.editorB, { ids: [page.data[0].id] }))).toEqual({ marked: 1, unreadCount: 2 });
    expect(unwrap(await listNotifications(desk.db, desk.editorB.id, { unread: true })).data.map((n) => n.id)).not.toContain(page.data[0].id);
    // Someone else's notification: refused, nothing marked.
    expect(refusal(await markRead(desk.db, desk.editorA, { ids: [page.data[1].id] })).fields?.ids).toBeTruthy();
    expect(refusal(await markRead(desk.db, desk.editorB, { ids: [] })).code).toBe("invalid");
    expect(refusal(await markRead(desk.db, desk.editorB, { all: false })).code).toBe("invalid");
    expect(await countUnread(desk.db, desk.editorB.id)).toBe(2);
    expect(unwrap(await markRead(desk.db, desk.editorB, { all: true }))).toEqual({ marked: 2, unreadCount: 0 });
  });
});
