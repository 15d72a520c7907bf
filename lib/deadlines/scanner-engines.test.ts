import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { scanDueSoon } from "./scanner";
import { HOUR_MS } from "./status";

const NOW = new Date("2026-06-10T12:00:00.000Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS).toISOString();

/** A claim row written directly (the workflow's submit is not on every engine yet). */
async function claimOn(db: Db, submitter: Actor, values: { dueAt?: string | null; assigneeId?: number | null; state?: "draft" | "reviewed" | "verified" }) {
  const { claims } = tablesOf(db);
  const [claim] = await db
    .insert(claims)
    .values({ text: `Claim ${Math.random()}`, textHash: `hash-${Math.random()}`, submitterId: submitter.id, createdAt: at(-1), updatedAt: at(-1), ...values })
    .returning();
  return claim;
}

onEveryEngine("the due-soon scanner", (database) => {
  it("announces each assigned claim's deadline once, again when the deadline moves, never an unassigned or far one", async () => {
    const db = database();
    const { claims } = tablesOf(db);
    const reporter = await createUserOn(db, "reporter");
    const editor = await createUserOn(db, "editor");
    const soon = await claimOn(db, reporter, { dueAt: at(5), assigneeId: editor.id });
    await claimOn(db, reporter, { dueAt: at(5), assigneeId: null });
    await claimOn(db, reporter, { dueAt: at(100), assigneeId: editor.id });
    await claimOn(db, reporter, { dueAt: at(5), assigneeId: editor.id, state: "verified" });

    const first = await scanDueSoon(db, NOW);
    expect(first.map((event) => ({ kind: event.kind, claimId: "claimId" in event ? event.claimId : null }))).toEqual([{ kind: "claim.due_soon", claimId: soon.id }]);
    expect(first[0]).toMatchObject({ actorId: editor.id, assigneeId: editor.id, state: "draft", deadline: at(5), source: "due", articleId: null });
    expect(await scanDueSoon(db, NOW)).toEqual([]);

    await db.update(claims).set({ dueAt: at(6) }).where(eq(claims.id, soon.id));
    expect((await scanDueSoon(db, NOW)).map((event) => ("deadline" in event ? event.deadline : null))).toEqual([at(6)]);
    expect(await scanDueSoon(db, NOW)).toEqual([]);
  });
});
