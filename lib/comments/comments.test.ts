import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { eq } from "drizzle-orm";
import { isFollowing } from "@/lib/follows/follows";
import { createDesk, refusal, submit, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { addComment, deleteComment, editComment, listComments } from "./comments";
import { mentionOf, parseMentions } from "./mentions";
import { renderCommentHtml } from "./render";

function counts(desk: Desk) {
  const n = (table: string) => desk.db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`))!.n;
  return { comments: n("comments"), mentions: n("comment_mentions"), events: n("events"), follows: n("follows") };
}

const T0 = new Date("2026-12-01T10:00:00.000Z");
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);

describe("parseMentions", () => {
  it("finds each mentioned id once, in order", () => {
    expect(parseMentions("@[Ada](user:4) and @[Ben Editor](user:12), again @[Ada](user:4)")).toEqual({ ids: [4, 12], malformed: [] });
  });
  it("names what looks like a mention but is not one", () => {
    expect(parseMentions("hi @[Ada](user:abc) and @[Ben](user:0) @[Cy](user:)").malformed).toEqual(["@[Ada](user:abc)", "@[Ben](user:0)", "@[Cy](user:)"]);
    expect(parseMentions("@[Ada](user:4)").malformed).toEqual([]);
  });
  it("leaves plain @ and ordinary links alone", () => {
    expect(parseMentions("mail ada@example.com, see [docs](https://x.test) or @ada")).toEqual({ ids: [], malformed: [] });
  });
  it("mentionOf writes the stored form, brackets in the name removed", () => {
    expect(mentionOf({ id: 3, name: "Elena Marsh" })).toBe("@[Elena Marsh](user:3)");
    expect(parseMentions(mentionOf({ id: 7, name: "A [B] C" })).ids).toEqual([7]);
  });
});

describe("renderCommentHtml", () => {
  it("renders the Markdown subset with safe links only", () => {
    const html = renderCommentHtml("**bold** [ok](https://example.com/a) [bad](javascript:alert(1)) [rel](/admin) [m](mailto:a@b.test)");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<a href="https://example.com/a" rel="noopener noreferrer nofollow ugc" target="_blank">ok</a>');
    expect(html).toContain('<a href="mailto:a@b.test" rel="noopener noreferrer nofollow ugc" target="_blank">m</a>');
    expect(html).not.toContain("javascript:alert(1)\"");
    expect(html).not.toContain('href="/admin"');
    expect(html).not.toMatch(/href="javascript/i);
  });
  it("shows raw HTML as text", () => {
    const html = renderCommentHtml('<script>alert(1)</script><img src=x onerror="alert(2)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });
  it("renders a mention as @Name with the current name", () => {
    expect(renderCommentHtml("hi @[Old Name](user:3)", new Map([[3, "Elena Marsh"]]))).toContain('<span class="mention" data-user-id="3">@Elena Marsh</span>');
    expect(renderCommentHtml("hi @[<b>x</b>](user:3)")).toContain("@&lt;b&gt;x&lt;/b&gt;");
  });
});

describe("comments", () => {
  it("any desk user comments; mentions are stored by id; the author follows the claim", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    const comment = unwrap(await addComment(desk.db, desk.otherReporter, claim.id, { body: `Ask ${mentionOf(desk.editorA)} about the year` }, T0));
    expect(comment).toMatchObject({ claimId: claim.id, authorId: desk.otherReporter.id, authorName: "Omar Reporter", mentions: [desk.editorA.id], editedAt: null, deletedAt: null });
    expect(await isFollowing(desk.db, desk.otherReporter.id, claim.id)).toBe(true);
    const result = await addComment(desk.db, desk.editorB, claim.id, { body: "second" });
    expect(result.events.map((e) => e.kind)).toEqual(["comment.added"]);
    expect(unwrap(await listComments(desk.db, claim.id)).data.map((c) => c.body)).toEqual([comment.body, "second"]);
  });

  it("refuses unknown, disabled and malformed mentions with a field error, writing nothing", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    desk.db.update(users).set({ disabled: true }).where(eq(users.id, desk.editorC.id)).run();
    const before = counts(desk);
    for (const body of ["hi @[Nobody](user:999)", `hi ${mentionOf(desk.editorC)}`, "hi @[Ada](user:abc)"]) {
      const error = refusal(await addComment(desk.db, desk.editorA, claim.id, { body }));
      expect(error.code).toBe("invalid");
      expect(error.fields?.body?.[0]).toMatch(/user:999 is not a desk user|is not a desk user|is not a mention/);
    }
    expect(counts(desk)).toEqual(before);
  });

  it("refuses an empty body and a missing claim", async () => {
    const desk = createDesk();
    expect(refusal(await addComment(desk.db, desk.editorA, 1, { body: "  " })).fields?.body).toBeTruthy();
    expect(refusal(await addComment(desk.db, desk.editorA, 4242, { body: "hi" })).code).toBe("not_found");
  });

  it("its author edits within 15 minutes, and it is marked edited", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    const comment = unwrap(await addComment(desk.db, desk.editorA, claim.id, { body: "first" }, T0));
    const edited = await editComment(desk.db, desk.editorA, comment.id, { body: `first, ${mentionOf(desk.editorB)}` }, minutes(14));
    expect(unwrap(edited)).toMatchObject({ body: `first, ${mentionOf(desk.editorB)}`, editedAt: minutes(14).toISOString(), mentions: [desk.editorB.id] });
    expect(edited.events[0]).toMatchObject({ kind: "comment.edited", newMentions: [desk.editorB.id] });
    const before = counts(desk);
    expect(refusal(await editComment(desk.db, desk.editorA, comment.id, { body: "late" }, minutes(16))).message).toMatch(/15 minutes/);
    expect(refusal(await editComment(desk.db, desk.editorB, comment.id, { body: "not mine" }, minutes(1))).code).toBe("forbidden");
    expect(counts(desk)).toEqual(before);
  });

  it("deleting leaves a tombstone with who and when; author or admin only", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    const mine = unwrap(await addComment(desk.db, desk.editorA, claim.id, { body: `secret ${mentionOf(desk.editorB)}` }, T0));
    expect(refusal(await deleteComment(desk.db, desk.editorB, mine.id)).code).toBe("forbidden");
    const gone = unwrap(await deleteComment(desk.db, desk.admin, mine.id, minutes(30)));
    expect(gone).toMatchObject({ body: "", mentions: [], deletedAt: minutes(30).toISOString(), deletedById: desk.admin.id, deletedByName: "Ann Admin" });
    expect(unwrap(await listComments(desk.db, claim.id)).data).toHaveLength(1);
    expect(refusal(await deleteComment(desk.db, desk.editorA, mine.id)).code).toBe("conflict");
    expect(refusal(await editComment(desk.db, desk.editorA, mine.id, { body: "back" }, minutes(1))).code).toBe("conflict");
    const own = unwrap(await addComment(desk.db, desk.reporter, claim.id, { body: "mine" }));
    expect(unwrap(await deleteComment(desk.db, desk.reporter, own.id)).deletedByName).toBe("Rita Reporter");
  });

  it("pages by cursor", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    for (const body of ["a", "b", "c"]) unwrap(await addComment(desk.db, desk.editorA, claim.id, { body }));
    const first = unwrap(await listComments(desk.db, claim.id, { limit: 2 }));
    expect(first.data.map((c) => c.body)).toEqual(["a", "b"]);
    const second = unwrap(await listComments(desk.db, claim.id, { limit: 2, cursor: first.nextCursor! }));
    expect(second).toMatchObject({ data: [{ body: "c" }], nextCursor: null });
    expect(refusal(await listComments(desk.db, claim.id, { cursor: "junk" })).code).toBe("invalid");
  });
});
