import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { claims } from "@/db/schema";
import { assignClaim } from "./assign";
import { allowedActions } from "./permissions";
import { countClaimsByState, getClaimDetail, listClaimRows, listClaims, reviewersOfRows, toFtsQuery } from "./queries";
import { createDesk, submit, unwrap, type Desk } from "./test-fixtures";
import { transitionClaim } from "./transition";
import type { ClaimDetail, ClaimPage } from "./types";

let desk: Desk;
beforeEach(() => {
  desk = createDesk();
});

/** Submits claims with distinct, increasing creation times so age order is unambiguous. */
async function seed(texts: string[]): Promise<ClaimDetail[]> {
  const seeded: ClaimDetail[] = [];
  for (const [index, text] of texts.entries()) {
    const claim = await submit(desk, desk.reporter, text);
    desk.db.update(claims).set({ createdAt: `2024-01-${String(index + 1).padStart(2, "0")}T00:00:00.000Z` }).where(eq(claims.id, claim.id)).run();
    seeded.push(claim);
  }
  return seeded;
}

async function review(claim: ClaimDetail) {
  return unwrap(await transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "fine", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }));
}

const ids = (items: Array<{ id: number }>) => items.map((item) => item.id);

describe("getClaimDetail", () => {
  it("returns null for unknown or malformed ids", async () => {
    expect(await getClaimDetail(desk.db, 12345)).toBeNull();
    expect(await getClaimDetail(desk.db, Number.NaN)).toBeNull();
  });

  it("has the API contract fields and works with allowedActions as is", async () => {
    const claim = await review(await submit(desk));
    const detail = (await getClaimDetail(desk.db, claim.id))!;
    for (const field of ["id", "text", "state", "verdict", "version", "articleId", "submitterId", "assigneeId", "citations", "signoffs", "createdAt", "updatedAt"]) {
      expect(detail).toHaveProperty(field);
    }
    expect(Object.keys(detail.citations[0]!)).toEqual(
      expect.arrayContaining(["id", "url", "documentRef", "title", "publisher", "quote", "accessedAt", "kind", "articleId", "quoteStart", "quoteEnd"]),
    );
    expect(detail.signoffs.map((s) => [s.action, s.userName])).toEqual([
      ["submit", "Rita Reporter"],
      ["review", "Ada Editor"],
    ]);
    expect(allowedActions(detail, desk.editorA).verify.allowed).toBe(false);
    expect(allowedActions(detail, desk.editorB).verify.allowed).toBe(true);
  });
});

describe("listClaims", () => {
  it("lists oldest first by default, newest first on request, with cursor pages", async () => {
    const seeded = await seed(["Claim number one is here.", "Claim number two is here.", "Claim number three is here.", "Claim number four is here.", "Claim number five is here."]);
    const first = unwrap(await listClaims(desk.db, {}, { limit: 2 }));
    expect(ids(first.data)).toEqual(ids(seeded.slice(0, 2)));
    const second = unwrap(await listClaims(desk.db, {}, { limit: 2, cursor: first.nextCursor }));
    expect(ids(second.data)).toEqual(ids(seeded.slice(2, 4)));
    const third = unwrap(await listClaims(desk.db, {}, { limit: 2, cursor: second.nextCursor }));
    expect(ids(third.data)).toEqual(ids(seeded.slice(4)));
    expect(third.nextCursor).toBeNull();

    const newest = unwrap(await listClaims(desk.db, { sort: "newest" }, { limit: 3 }));
    expect(ids(newest.data)).toEqual(ids(seeded).reverse().slice(0, 3));
    const newestNext = unwrap(await listClaims(desk.db, { sort: "newest" }, { limit: 3, cursor: newest.nextCursor }));
    expect(ids(newestNext.data)).toEqual(ids(seeded).reverse().slice(3));
  });

  it("pages back with prevCursor to exactly the pages seen going forward, in both sort orders", async () => {
    const seeded = await seed(["Claim number one is here.", "Claim number two is here.", "Claim number three is here.", "Claim number four is here.", "Claim number five is here."]);
    for (const sort of ["oldest", "newest"] as const) {
      const forward: ClaimPage[] = [unwrap(await listClaims(desk.db, { sort }, { limit: 2 }))];
      expect(forward[0]!.prevCursor).toBeNull();
      while (forward.at(-1)!.nextCursor) forward.push(unwrap(await listClaims(desk.db, { sort }, { limit: 2, cursor: forward.at(-1)!.nextCursor })));
      expect(forward.map((page) => ids(page.data).length)).toEqual([2, 2, 1]);
      expect(forward.flatMap((page) => ids(page.data))).toEqual(sort === "oldest" ? ids(seeded) : ids(seeded).reverse());

      // From the last page back to the first, each backwards page is the forward page, in display order.
      let page = forward.at(-1)!;
      for (let i = forward.length - 2; i >= 0; i -= 1) {
        expect(page.prevCursor).not.toBeNull();
        page = unwrap(await listClaims(desk.db, { sort }, { limit: 2, cursor: page.prevCursor }));
        expect(ids(page.data)).toEqual(ids(forward[i]!.data));
        expect(page.nextCursor).not.toBeNull();
      }
      expect(page.prevCursor).toBeNull();
      // And forwards again from a backwards page.
      expect(ids(unwrap(await listClaims(desk.db, { sort }, { limit: 2, cursor: page.nextCursor })).data)).toEqual(ids(forward[1]!.data));
    }
  });

  it("pages through claims created in the same millisecond without skipping or repeating", async () => {
    const seeded = await Promise.all(["Tie one is a claim.", "Tie two is a claim.", "Tie three is a claim."].map((text) => submit(desk, desk.reporter, text)));
    desk.db.update(claims).set({ createdAt: "2024-01-01T00:00:00.000Z" }).run();
    const seen: number[] = [];
    let cursor: string | null = null;
    let last: ClaimPage | null = null;
    do {
      const page: ClaimPage = unwrap(await listClaims(desk.db, {}, { limit: 1, cursor }));
      seen.push(...ids(page.data));
      cursor = page.nextCursor;
      if (!cursor) last = page;
    } while (cursor);
    expect(seen).toEqual(ids(seeded));

    const back: number[] = [];
    for (let page = last; page; page = page.prevCursor ? unwrap(await listClaims(desk.db, {}, { limit: 1, cursor: page.prevCursor })) : null) {
      back.unshift(...ids(page.data));
    }
    expect(back).toEqual(ids(seeded));
  });

  it("includes citations and sign-offs for each claim", async () => {
    const claim = await review(await submit(desk));
    const [item] = unwrap(await listClaims(desk.db)).data;
    expect(item).toMatchObject({ id: claim.id, state: "reviewed", currentReviewerId: desk.editorA.id, submitterName: "Rita Reporter" });
    expect(item!.citations).toHaveLength(1);
    expect(item!.signoffs.map((s) => s.action)).toEqual(["submit", "review"]);
  });

  it("filters by state, article, submitter, assignee (or none) and verdict", async () => {
    const [a, b, c] = await seed(["First claim for filters.", "Second claim for filters.", "Third claim for filters."]);
    const other = await submit(desk, desk.otherReporter, "A claim with no article at all.");
    await review(b!);
    unwrap(await assignClaim(desk.db, desk.editorA, c!.id, { assigneeId: desk.editorB.id, expectedVersion: c!.version }));
    const list = async (filters: Parameters<typeof listClaims>[1]) => ids(unwrap(await listClaims(desk.db, filters)).data);

    expect(await list({ state: "reviewed" })).toEqual([b!.id]);
    expect(await list({ state: "draft", submitterId: desk.reporter.id })).toEqual([a!.id, c!.id]);
    expect(await list({ submitterId: desk.otherReporter.id })).toEqual([other.id]);
    expect(await list({ assigneeId: desk.editorB.id })).toEqual([c!.id]);
    expect(await list({ assigneeId: "none" })).toEqual([a!.id, b!.id, other.id]);
    expect(await list({ articleId: desk.articleId })).toHaveLength(4);
    expect(await list({ verdict: "true" })).toEqual([]);
  });

  it("searches claim text with FTS, stemming, and survives any punctuation", async () => {
    const [sentenced, pardon] = await seed(["She was sentenced to life in 1996.", "The president granted a pardon, not a commutation."]);
    const search = async (q: string) => ids(unwrap(await listClaims(desk.db, { q })).data);
    expect(await search("sentence")).toEqual([sentenced!.id]);
    expect(await search("PARDON commutation")).toEqual([pardon!.id]);
    expect(await search("pardon 1996")).toEqual([]);
    for (const nasty of ['"', 'pardon"', "NEAR(pardon", "a AND OR NOT", "-pardon", "pardon*", "col:pardon", "(", "'); DROP TABLE claims; --", "^", "***"]) {
      expect((await listClaims(desk.db, { q: nasty })).ok, nasty).toBe(true);
    }
    expect(await search("-pardon")).toEqual([pardon!.id]);
    expect(await search("***")).toEqual([]);
    expect(await search("  ")).toHaveLength(2);
  });

  it("sees edited text in search", async () => {
    const claim = await submit(desk, desk.reporter, "Originally about sixty two years.");
    desk.db.update(claims).set({ text: "Now about sixty three years." }).where(eq(claims.id, claim.id)).run();
    expect(unwrap(await listClaims(desk.db, { q: "three" })).data).toHaveLength(1);
    expect(unwrap(await listClaims(desk.db, { q: "two" })).data).toHaveLength(0);
  });

  it("refuses malformed cursors, cursors from another sort and oversized pages", async () => {
    await seed(["Claim number one is here.", "Claim number two is here."]);
    expect(await listClaims(desk.db, {}, { cursor: "not-a-cursor" })).toMatchObject({ ok: false, error: { code: "invalid", fields: { cursor: ["Unknown cursor"] } } });
    const page = unwrap(await listClaims(desk.db, {}, { limit: 1 }));
    expect((await listClaims(desk.db, { sort: "newest" }, { cursor: page.nextCursor })).ok).toBe(false);
    expect(await listClaims(desk.db, {}, { limit: 101 })).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("defaults to 25 per page", async () => {
    for (let i = 0; i < 27; i += 1) await submit(desk, desk.reporter, `Claim number ${i} in a long list.`);
    const page = unwrap(await listClaims(desk.db));
    expect(page.data).toHaveLength(25);
    expect(page.nextCursor).not.toBeNull();
  });
});

describe("listClaimRows", () => {
  it("is listClaims' page without citations, sign-offs or reviewer: same rows, order and cursors, forwards and back", async () => {
    const seeded = await seed(["Claim number one is here.", "Claim number two is here.", "Claim number three is here.", "Claim number four is here.", "Claim number five is here."]);
    await review(seeded[1]!);
    const rowOf = ({ citations: _c, signoffs: _s, currentReviewerId: _r, ...row }: ClaimPage["data"][number]) => row;
    for (const filters of [{}, { sort: "newest" as const }, { state: "draft" as const }, { q: "claim" }]) {
      let cursor: string | null = null;
      let pages = 0;
      do {
        const full: ClaimPage = unwrap(await listClaims(desk.db, filters, { limit: 2, cursor }));
        const rows = unwrap(await listClaimRows(desk.db, filters, { limit: 2, cursor }));
        expect(rows).toEqual({ ...full, data: full.data.map(rowOf) });
        expect(Object.keys(rows.data[0] ?? {})).not.toContain("signoffs");
        if (full.prevCursor) expect(unwrap(await listClaimRows(desk.db, filters, { limit: 2, cursor: full.prevCursor })).data.map((r) => r.id)).toEqual(ids(unwrap(await listClaims(desk.db, filters, { limit: 2, cursor: full.prevCursor })).data));
        cursor = full.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBeGreaterThan(1);
    }
    expect(await listClaimRows(desk.db, {}, { cursor: "not-a-cursor" })).toMatchObject({ ok: false, error: { code: "invalid" } });
  });
});

describe("search at scale", () => {
  /** Claims written straight to the table (the search index follows by trigger), oldest first. */
  function bulk(count: number, text: (i: number) => string) {
    const insert = desk.db.$client.prepare(
      "INSERT INTO claims (text, text_hash, state, submitter_id, created_at, updated_at) VALUES (?, 'x', ?, ?, ?, ?)",
    );
    const states = ["draft", "reviewed", "verified"] as const;
    desk.db.$client.transaction(() => {
      for (let i = 0; i < count; i++) {
        const at = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
        insert.run(text(i), states[i % 3], desk.reporter.id, at, at);
      }
    })();
  }

  it("pages a search with many matches in sort order, both ways, the same as one with few", async () => {
    bulk(1500, (i) => (i % 3 === 2 ? `A common housing claim number ${i}.` : `A rare word ${i === 7 ? "zebra" : "giraffe"} here ${i}.`));
    const all = async (q: string, sort: "oldest" | "newest") => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: ClaimPage = unwrap(await listClaims(desk.db, { q, sort }, { cursor, limit: 100 }));
        seen.push(...ids(page.data));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const oldest = await all("giraffe", "oldest");
    expect(oldest).toHaveLength(999);
    expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    expect(await all("giraffe", "newest")).toEqual([...oldest].reverse());
    expect(await all("zebra", "oldest")).toHaveLength(1);
    expect(await all("housing", "oldest")).toHaveLength(500);
    expect(unwrap(await listClaims(desk.db, { q: "giraffe", state: "verified" }, { limit: 100 })).data.every((c) => c.state === "verified")).toBe(true);
  });

  it("counts a search by state from the index, and follows transitions", async () => {
    const [a, b] = await seed(["The housing budget grew.", "The housing plan stalled."]);
    bulk(20, (i) => `Unrelated claim ${i}.`);
    expect(await countClaimsByState(desk.db, { q: "housing" })).toEqual({ draft: 2, reviewed: 0, verified: 0, total: 2 });
    expect(await countClaimsByState(desk.db, { q: "unrelated" })).toEqual({ draft: 7, reviewed: 7, verified: 6, total: 20 });
    await review(a!);
    expect(await countClaimsByState(desk.db, { q: "housing" })).toEqual({ draft: 1, reviewed: 1, verified: 0, total: 2 });
    expect(await countClaimsByState(desk.db, { q: "housing", submitterId: desk.reporter.id })).toEqual({ draft: 1, reviewed: 1, verified: 0, total: 2 });
    // The state is searchable only as a filter, never as words of the claim.
    expect((await countClaimsByState(desk.db, { q: "reviewed" })).total).toBe(0);
    expect(ids(unwrap(await listClaims(desk.db, { q: "draft" })).data)).toEqual([]);
    expect(ids(unwrap(await listClaims(desk.db, { q: "housing", state: "draft" })).data)).toEqual([b!.id]);
  });
});

describe("countClaimsByState", () => {
  it("counts each state under the other filters", async () => {
    const [a] = await seed(["First claim to count.", "Second claim to count.", "Third claim to count."]);
    await review(a!);
    await submit(desk, desk.otherReporter, "Another reporter's claim.");
    expect(await countClaimsByState(desk.db)).toEqual({ draft: 3, reviewed: 1, verified: 0, total: 4 });
    expect(await countClaimsByState(desk.db, { submitterId: desk.reporter.id, state: "verified" })).toEqual({ draft: 2, reviewed: 1, verified: 0, total: 3 });
    expect(await countClaimsByState(desk.db, { q: "second" })).toEqual({ draft: 1, reviewed: 0, verified: 0, total: 1 });
  });

  it("keeps the unfiltered counts equal to a real count through reviews, verifies and returns", async () => {
    const [a, b, c] = await seed(["First claim to count.", "Second claim to count.", "Third claim to count."]);
    const reviewedA = await review(a!);
    const verifiedA = unwrap(
      await transitionClaim(desk.db, desk.editorB, a!.id, { action: "verify", note: "ok", verdict: "true", citationIds: [a!.citations[0]!.id], expectedVersion: reviewedA.version }),
    );
    const reviewedB = await review(b!);
    unwrap(await transitionClaim(desk.db, desk.editorB, b!.id, { action: "return", note: "source is thin", citationIds: [b!.citations[0]!.id], expectedVersion: reviewedB.version }));
    unwrap(await transitionClaim(desk.db, desk.editorB, a!.id, { action: "return", note: "wrong year", citationIds: [a!.citations[0]!.id], expectedVersion: verifiedA.version }));
    await review(c!);
    // An update that leaves the state as it is must not move a count either.
    desk.db.update(claims).set({ text: "Third claim to count, reworded." }).where(eq(claims.id, c!.id)).run();

    const real = { draft: 0, reviewed: 0, verified: 0, total: 0 };
    for (const row of desk.db.select({ state: claims.state }).from(claims).all()) {
      real[row.state] += 1;
      real.total += 1;
    }
    expect(real).toEqual({ draft: 2, reviewed: 1, verified: 0, total: 3 });
    expect(await countClaimsByState(desk.db)).toEqual(real);
  });
});

describe("toFtsQuery", () => {
  it("quotes every term and drops quote characters and punctuation-only terms", async () => {
    expect(toFtsQuery('she said "pardon" -now')).toBe('"she" "said" "pardon" "-now"');
    expect(toFtsQuery(' " *** ( ')).toBeNull();
  });
});

describe("the actionable filter and the reviewer of the round", () => {
  async function returnIt(claim: ClaimDetail) {
    return unwrap(await transitionClaim(desk.db, desk.editorC, claim.id, { action: "return", note: "again", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }));
  }
  async function verifyIt(claim: ClaimDetail, by = desk.editorB) {
    return unwrap(await transitionClaim(desk.db, by, claim.id, { action: "verify", note: "ok", verdict: "true", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }));
  }

  it("keeps exactly the claims the rules let the viewer review or verify, across pages, and counts them per state", async () => {
    const drafts = await seed(["Claim number one is here.", "Claim number two is here.", "Claim number three is here."]);
    const byEditorA = await submit(desk, desk.editorA, "An editor's own draft claim.");
    const reviewedByA = await review(drafts[0]!); // editorA reviewed it: may not verify
    const verified = await verifyIt(await review(drafts[1]!));
    const reReviewed = await review(await returnIt(verified)); // new round, editorA reviewed again
    const all = await Promise.all([...drafts, byEditorA].map(async (claim) => (await getClaimDetail(desk.db, claim.id))!));
    for (const actor of [desk.reporter, desk.editorA, desk.editorB, desk.admin]) {
      const expected = all.filter((claim) => allowedActions(claim, actor).review.allowed || allowedActions(claim, actor).verify.allowed).map((claim) => claim.id);
      const seen: number[] = [];
      let cursor: string | null | undefined;
      do {
        const page = unwrap(await listClaimRows(desk.db, {}, { limit: 1, cursor }, { actionableBy: actor }));
        seen.push(...ids(page.data));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort((a, b) => a - b), actor.name).toEqual(expected.sort((a, b) => a - b));
      expect((await countClaimsByState(desk.db, {}, { actionableBy: actor })).total).toBe(expected.length);
    }
    expect(ids(unwrap(await listClaimRows(desk.db, {}, {}, { actionableBy: desk.editorA })).data)).toEqual([drafts[2]!.id]);
    expect(ids(unwrap(await listClaimRows(desk.db, { state: "reviewed" }, {}, { actionableBy: desk.editorB })).data)).toEqual([reviewedByA.id, reReviewed.id]);
    expect(await countClaimsByState(desk.db, {}, { actionableBy: desk.editorB })).toMatchObject({ draft: 2, reviewed: 2, verified: 0, total: 4 });
  });

  it("names the reviewer of the current round only", async () => {
    const claim = await review(await submit(desk));
    expect((await reviewersOfRows(desk.db, [(await getClaimDetail(desk.db, claim.id))!])).get(claim.id)).toEqual({ id: desk.editorA.id, name: "Ada Editor" });
    const returned = await returnIt(claim);
    expect((await reviewersOfRows(desk.db, [returned])).has(claim.id)).toBe(false);
  });
});
