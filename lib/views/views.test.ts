import { beforeEach, describe, expect, it } from "vitest";
import { createDesk, refusal, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { deleteView, listViews, MAX_VIEWS_PER_PERSON, normalizeViewQuery, renameView, saveView, viewHref } from "./views";

let desk: Desk;
beforeEach(() => {
  desk = createDesk();
});

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

describe("saveView", () => {
  it("saves the view under a trimmed name, and it opens the queue with its query", () => {
    const view = unwrap(saveView(desk.db, desk.editorA, { name: "  My drafts  ", query: "state=draft&cursor=xyz" }));
    expect(view).toMatchObject({ userId: desk.editorA.id, name: "My drafts", query: "state=draft" });
    expect(viewHref(view)).toBe("/queue?state=draft");
    expect(viewHref({ query: "" })).toBe("/queue");
    expect(listViews(desk.db, desk.editorA.id).map((v) => v.name)).toEqual(["My drafts"]);
  });

  it("needs a name of 1 to 80 characters and refuses a taken one, per person", () => {
    expect(refusal(saveView(desk.db, desk.editorA, { name: "   ", query: "" })).fields).toHaveProperty("name");
    expect(refusal(saveView(desk.db, desk.editorA, { name: "x".repeat(81), query: "" })).fields).toHaveProperty("name");
    unwrap(saveView(desk.db, desk.editorA, { name: "x".repeat(80), query: "" }));
    unwrap(saveView(desk.db, desk.editorA, { name: "Mine", query: "state=draft" }));
    const taken = refusal(saveView(desk.db, desk.editorA, { name: "Mine", query: "state=reviewed" }));
    expect(taken.code).toBe("conflict");
    expect(taken.fields).toHaveProperty("name");
    // Another person may use the same name.
    unwrap(saveView(desk.db, desk.editorB, { name: "Mine", query: "state=verified" }));
  });

  it("refuses a query with junk the queue does not take", () => {
    const refused = refusal(saveView(desk.db, desk.editorA, { name: "Bad", query: "state=lost" }));
    expect(refused.code).toBe("invalid");
    expect(listViews(desk.db, desk.editorA.id)).toEqual([]);
  });

  it(`keeps at most ${MAX_VIEWS_PER_PERSON} views a person`, () => {
    for (let i = 0; i < MAX_VIEWS_PER_PERSON; i++) unwrap(saveView(desk.db, desk.editorA, { name: `View ${i}`, query: "" }));
    expect(refusal(saveView(desk.db, desk.editorA, { name: "One more", query: "" })).code).toBe("conflict");
  });
});

describe("renameView and deleteView", () => {
  it("rename and delete the owner's view", () => {
    const view = unwrap(saveView(desk.db, desk.editorA, { name: "Old", query: "state=draft" }));
    unwrap(saveView(desk.db, desk.editorA, { name: "Other", query: "" }));
    expect(unwrap(renameView(desk.db, desk.editorA, view.id, { name: "New" }))).toMatchObject({ name: "New", query: "state=draft" });
    expect(refusal(renameView(desk.db, desk.editorA, view.id, { name: "Other" })).code).toBe("conflict");
    expect(refusal(renameView(desk.db, desk.editorA, view.id, { name: "" })).code).toBe("invalid");
    unwrap(deleteView(desk.db, desk.editorA, view.id));
    expect(listViews(desk.db, desk.editorA.id).map((v) => v.name)).toEqual(["Other"]);
  });

  it("treat someone else's view as not found, and change nothing", () => {
    const view = unwrap(saveView(desk.db, desk.editorA, { name: "Ada's", query: "state=draft" }));
    expect(refusal(renameView(desk.db, desk.editorB, view.id, { name: "Taken over" })).code).toBe("not_found");
    expect(refusal(deleteView(desk.db, desk.editorB, view.id)).code).toBe("not_found");
    expect(refusal(deleteView(desk.db, desk.editorB, Number.NaN)).code).toBe("not_found");
    expect(listViews(desk.db, desk.editorA.id).map((v) => v.name)).toEqual(["Ada's"]);
  });
});
