import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { transitionClaim } from "@/lib/workflow";
import { createDesk, submit, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { claimInViewHref, viewNeighbours } from "./neighbours";

describe("viewNeighbours", () => {
  let desk: Desk;
  let ids: number[];
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    desk = createDesk();
    // Five drafts a minute apart; the third and fifth from the other reporter.
    ids = [];
    for (const i of [0, 1, 2, 3, 4]) {
      vi.setSystemTime(new Date(Date.UTC(2024, 2, 1, 9, i)));
      ids.push((await submit(desk, i === 2 || i === 4 ? desk.otherReporter : desk.reporter, `Claim number ${i} about the 2018 commutation.`)).id);
    }
  });
  afterEach(() => vi.useRealTimers());

  it("names the claims before and after in the view's order, linked in the same view", async () => {
    const around = (await viewNeighbours(desk.db, desk.editorA, ids[2]!, "state=draft"))!;
    expect([around.previous?.id, around.next?.id]).toEqual([ids[1], ids[3]]);
    expect(around.next?.href).toBe(claimInViewHref(ids[3]!, "state=draft"));
    expect(around.next?.href).toBe(`/claims/${ids[3]}?view=state%3Ddraft`);
    const newest = (await viewNeighbours(desk.db, desk.editorA, ids[2]!, "sort=newest&state=draft"))!;
    expect([newest.previous?.id, newest.next?.id]).toEqual([ids[3], ids[1]]);
    const ends = [(await viewNeighbours(desk.db, desk.editorA, ids[0]!, ""))!, (await viewNeighbours(desk.db, desk.editorA, ids[4]!, ""))!];
    expect([ends[0]!.previous, ends[1]!.next]).toEqual([null, null]);
  });

  it("keeps the neighbours of a claim that has just left the view: next is the claim that followed it", async () => {
    const first = unwrap(await transitionClaim(desk.db, desk.editorA, ids[2]!, { action: "review", note: "Checked.", citationIds: [unwrapCitation(ids[2]!)], expectedVersion: 1 }));
    expect(first.state).toBe("reviewed");
    const around = (await viewNeighbours(desk.db, desk.editorA, ids[2]!, "state=draft"))!;
    expect([around.previous?.id, around.next?.id]).toEqual([ids[1], ids[3]]);
  });

  it("reads the view with the viewer's own scope: a reporter's queue holds their own claims", async () => {
    const around = (await viewNeighbours(desk.db, desk.reporter, ids[1]!, "state=draft"))!;
    expect([around.previous?.id, around.next?.id]).toEqual([ids[0], ids[3]]);
    const theirs = (await viewNeighbours(desk.db, desk.otherReporter, ids[1]!, "state=draft"))!;
    expect([theirs.previous?.id, theirs.next?.id]).toEqual([undefined, ids[2]]);
  });

  it("answers nothing for a view the queue would refuse, or no such claim; drops the page position", async () => {
    expect(await viewNeighbours(desk.db, desk.editorA, ids[1]!, "state=published")).toBeNull();
    expect(await viewNeighbours(desk.db, desk.editorA, 9999, "state=draft")).toBeNull();
    expect((await viewNeighbours(desk.db, desk.editorA, ids[1]!, "state=draft&cursor=abc&utm=x"))!.query).toBe("state=draft");
  });

  function unwrapCitation(claimId: number): number {
    return desk.db.$client.prepare<[number], { id: number }>("SELECT id FROM citations WHERE claim_id = ? ORDER BY id LIMIT 1").get(claimId)!.id;
  }
});
