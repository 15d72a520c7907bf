import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { refusal, unwrap } from "@/lib/workflow/test-fixtures";
import { deleteView, listViews, MAX_VIEWS_PER_PERSON, normalizeViewQuery, renameView, saveView, viewHref } from "./views";

describe("normalizeViewQuery", () => {
  it("keeps the queue's filters and order in one canonical form, without the page position or unknown params", () => {
    expect(unwrap(normalizeViewQuery("?sort=newest&state=draft&cursor=abc&junk=1&q=caf%C3%A9&assigned=me&limit=50"))).toBe("state=draft&q=caf%C3%A9&assigned=me&sort=newest&limit=50");
    expect(unwrap(normalizeViewQuery(""))).toBe("");
    expect(unwrap(normalizeViewQuery("verdict=&assigneeId=none"))).toBe("assigneeId=none");
  });

  it("refuses what the queue would refuse", () => {
    for (const bad of ["state=lost", "articleId=-3", "assigned=someone", "actionable=yes", "limit=1000", "sort=random"]) {
      expect(refusal(normalizeViewQuery(bad)).code).toBe("invalid");
    }
  });
});

onEveryEngine("saved views", (database) => {
  // Two editors of their own for each test: the engine's database is shared by the block.
  let desk: { db: Db; editorA: Actor; editorB: Actor };
  beforeEach(async () => {
    const db = database();
    desk = { db, editorA: await createUserOn(db, "editor", "Ada Editor"), editorB: await createUserOn(db, "editor", "Ben Editor") };
  });

  describe("saveView", () => {
    it("saves the view under a trimmed name, and it opens the queue with its query", async () => {
      const view = unwrap(await saveView(desk.db, desk.editorA, { name: "  My drafts  ", query: "state=draft&cursor=xyz" }));
      expect(view).toMatchObject({ userId: desk.editorA.id, name: "My drafts", query: "state=draft" });
      expect(viewHref(view)).toBe("/queue?state=draft");
      expect(viewHref({ query: "" })).toBe("/queue");
      expect((await listViews(desk.db, desk.editorA.id)).map((v) => v.name)).toEqual(["My drafts"]);
    });

    it("needs a name of 1 to 80 characters and refuses a taken one, per person", async () => {
      expect(refusal(await saveView(desk.db, desk.editorA, { name: "   ", query: "" })).fields).toHaveProperty("name");
      expect(refusal(await saveView(desk.db, desk.editorA, { name: "x".repeat(81), query: "" })).fields).toHaveProperty("name");
      unwrap(await saveView(desk.db, desk.editorA, { name: "x".repeat(80), query: "" }));
      unwrap(await saveView(desk.db, desk.editorA, { name: "Mine", query: "state=draft" }));
      const taken = refusal(await saveView(desk.db, desk.editorA, { name: "Mine", query: "state=reviewed" }));
      expect(taken.code).toBe("conflict");
      expect(taken.fields).toHaveProperty("name");
      // Another person may use the same name.
      unwrap(await saveView(desk.db, desk.editorB, { name: "Mine", query: "state=verified" }));
    });

    it("refuses a query with junk the queue does not take", async () => {
      const refused = refusal(await saveView(desk.db, desk.editorA, { name: "Bad", query: "state=lost" }));
      expect(refused.code).toBe("invalid");
      expect(await listViews(desk.db, desk.editorA.id)).toEqual([]);
    });

    it(`keeps at most ${MAX_VIEWS_PER_PERSON} views a person`, async () => {
      for (let i = 0; i < MAX_VIEWS_PER_PERSON; i++) unwrap(await saveView(desk.db, desk.editorA, { name: `View ${i}`, query: "" }));
      expect(refusal(await saveView(desk.db, desk.editorA, { name: "One more", query: "" })).code).toBe("conflict");
    });
  });

  describe("renameView and deleteView", () => {
    it("rename and delete the owner's view", async () => {
      const view = unwrap(await saveView(desk.db, desk.editorA, { name: "Old", query: "state=draft" }));
      unwrap(await saveView(desk.db, desk.editorA, { name: "Other", query: "" }));
      expect(unwrap(await renameView(desk.db, desk.editorA, view.id, { name: "New" }))).toMatchObject({ name: "New", query: "state=draft" });
      expect(refusal(await renameView(desk.db, desk.editorA, view.id, { name: "Other" })).code).toBe("conflict");
      expect(refusal(await renameView(desk.db, desk.editorA, view.id, { name: "" })).code).toBe("invalid");
      unwrap(await deleteView(desk.db, desk.editorA, view.id));
      expect((await listViews(desk.db, desk.editorA.id)).map((v) => v.name)).toEqual(["Other"]);
    });

    it("treat someone else's view as not found, and change nothing", async () => {
      const view = unwrap(await saveView(desk.db, desk.editorA, { name: "Ada's", query: "state=draft" }));
      expect(refusal(await renameView(desk.db, desk.editorB, view.id, { name: "Taken over" })).code).toBe("not_found");
      expect(refusal(await deleteView(desk.db, desk.editorB, view.id)).code).toBe("not_found");
      expect(refusal(await deleteView(desk.db, desk.editorB, Number.NaN)).code).toBe("not_found");
      expect((await listViews(desk.db, desk.editorA.id)).map((v) => v.name)).toEqual(["Ada's"]);
    });
  });
});
