import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { refusal, unwrap } from "@/lib/workflow/test-fixtures";
import { addComment, deleteComment, editComment, getComment, listComments, userNames } from "./comments";
import { mentionOf } from "./mentions";

/** A claim row written directly (the workflow's submit is not on every engine yet). */
async function claimOn(db: Db, submitter: Actor, text = `Unemployment fell by ${Math.random()} percent last year.`) {
  const { claims } = tablesOf(db);
  const at = new Date().toISOString();
  const [claim] = await db.insert(claims).values({ text, textHash: `hash-${Math.random()}`, submitterId: submitter.id, createdAt: at, updatedAt: at }).returning();
  return claim;
}

async function followsOf(db: Db, claimId: number) {
  const { follows } = tablesOf(db);
  return (await db.select({ userId: follows.userId, reason: follows.reason }).from(follows).where(eq(follows.claimId, claimId))).map((row) => `${row.userId}:${row.reason}`);
}

onEveryEngine("comments", (database) => {
  it("stores mentions by id, makes the author a follower, records comment.added, and lists oldest first", async () => {
    const db = database();
    const editor = await createUserOn(db, "editor", "Eve Editor");
    const reporter = await createUserOn(db, "reporter", "Ray Reporter");
    const claim = await claimOn(db, reporter);
    const added = await addComment(db, editor, claim.id, { body: `${mentionOf(reporter)} is the **year** right?` });
    const comment = unwrap(added);
    expect(comment).toMatchObject({ claimId: claim.id, authorId: editor.id, authorName: "Eve Editor", mentions: [reporter.id], editedAt: null, deletedAt: null, deletedByName: null });
    expect(added.events.map((event) => event.kind)).toEqual(["comment.added"]);
    expect(await followsOf(db, claim.id)).toEqual([`${editor.id}:commented`]);
    unwrap(await addComment(db, reporter, claim.id, { body: "second" }));
    expect(unwrap(await listComments(db, claim.id)).data.map((c) => c.body)).toEqual([comment.body, "second"]);
    expect(await getComment(db, comment.id)).toEqual(comment);
    expect(await getComment(db, 987_654)).toBeNull();
    expect(await userNames(db, [editor.id, reporter.id])).toEqual(new Map([[editor.id, "Eve Editor"], [reporter.id, "Ray Reporter"]]));
    expect(await userNames(db, [])).toEqual(new Map());
  });

  it("refuses unknown, disabled and malformed mentions and a missing claim, writing nothing", async () => {
    const db = database();
    const { users } = tablesOf(db);
    const editor = await createUserOn(db, "editor");
    const gone = await createUserOn(db, "editor", "Gone Person");
    await db.update(users).set({ disabled: true }).where(eq(users.id, gone.id));
    const claim = await claimOn(db, editor);
    expect(refusal(await addComment(db, editor, claim.id, { body: `hi ${mentionOf(gone)}` })).fields).toHaveProperty("body");
    expect(refusal(await addComment(db, editor, claim.id, { body: "hi @[Nobody](user:999999)" })).code).toBe("invalid");
    expect(refusal(await addComment(db, editor, claim.id, { body: "hi @[Broken](user:x)" })).code).toBe("invalid");
    expect(refusal(await addComment(db, editor, 999_999, { body: "hello" })).code).toBe("not_found");
    expect(refusal(await listComments(db, 999_999)).code).toBe("not_found");
    expect(unwrap(await listComments(db, claim.id)).data).toEqual([]);
    expect(await followsOf(db, claim.id)).toEqual([]);
  });

  it("the author edits within 15 minutes (new mentions named), and deleting leaves a tombstone", async () => {
    const db = database();
    const author = await createUserOn(db, "editor");
    const other = await createUserOn(db, "editor");
    const admin = await createUserOn(db, "admin", "Ann Admin");
    const claim = await claimOn(db, author);
    const written = new Date("2026-06-10T12:00:00.000Z");
    const comment = unwrap(await addComment(db, author, claim.id, { body: "first" }, written));
    expect(refusal(await editComment(db, other, comment.id, { body: "taken over" }, written)).code).toBe("forbidden");
    const edited = await editComment(db, author, comment.id, { body: `now with ${mentionOf(other)}` }, new Date(written.getTime() + 60_000));
    expect(unwrap(edited)).toMatchObject({ body: `now with ${mentionOf(other)}`, mentions: [other.id], editedAt: "2026-06-10T12:01:00.000Z" });
    expect(edited.events).toMatchObject([{ kind: "comment.edited", newMentions: [other.id] }]);
    expect((await editComment(db, author, comment.id, { body: `now with ${mentionOf(other)}` }, new Date(written.getTime() + 120_000))).events).toEqual([]);
    expect(refusal(await editComment(db, author, comment.id, { body: "too late" }, new Date(written.getTime() + 16 * 60_000))).code).toBe("forbidden");
    expect(refusal(await deleteComment(db, other, comment.id)).code).toBe("forbidden");
    const deleted = unwrap(await deleteComment(db, admin, comment.id));
    expect(deleted).toMatchObject({ body: "", mentions: [], deletedById: admin.id, deletedByName: "Ann Admin" });
    expect(refusal(await deleteComment(db, admin, 999_999)).code).toBe("not_found");
  });

  it("pages by cursor and refuses a junk one", async () => {
    const db = database();
    const author = await createUserOn(db, "editor");
    const claim = await claimOn(db, author);
    for (const body of ["a", "b", "c"]) unwrap(await addComment(db, author, claim.id, { body }));
    const first = unwrap(await listComments(db, claim.id, { limit: 2 }));
    expect(first.data.map((c) => c.body)).toEqual(["a", "b"]);
    const second = unwrap(await listComments(db, claim.id, { limit: 2, cursor: first.nextCursor! }));
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.data.map((c) => c.body)).toEqual(["c"]);
    expect(refusal(await listComments(db, claim.id, { cursor: "junk" })).code).toBe("invalid");
  });
});
