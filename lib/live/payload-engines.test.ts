import { expect, it } from "vitest";
import type { RecordedEvent } from "@/lib/events/types";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { toLiveEvents, userNames } from "./payload";

onEveryEngine("live payloads", (database) => {
  it("resolve the actor's and the assignees' names in one read, and say what happened", async () => {
    const db = database();
    const ben = await createUserOn(db, "editor", "Ben Editor");
    const cy = await createUserOn(db, "editor", "Cy Editor");
    const assigned: RecordedEvent = { id: 41, kind: "claim.assigned", actorId: ben.id, at: "2026-06-10T12:00:00.000Z", claimId: 7, articleId: null, version: 3, assigneeId: cy.id, previous: null };
    const [live] = await toLiveEvents(db, [assigned]);
    expect(live).toMatchObject({ ...assigned, actorName: "Ben Editor", description: "assigned this claim to Cy Editor" });
    const gone: RecordedEvent = { ...assigned, id: 42, actorId: 999_999 };
    expect((await toLiveEvents(db, [gone]))[0]).toMatchObject({ actorName: null });
    expect(await toLiveEvents(db, [])).toEqual([]);
    expect(await userNames(db, [ben.id, ben.id, cy.id])).toEqual(new Map([[ben.id, "Ben Editor"], [cy.id, "Cy Editor"]]));
  });
});
