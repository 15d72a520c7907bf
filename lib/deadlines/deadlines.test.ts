import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { claims, notifications } from "@/db/schema";
import { notify } from "@/lib/notifications/handler";
import { setPreferences } from "@/lib/notifications/preferences";
import { NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { assignClaim } from "@/lib/workflow/assign";
import { countClaimsByState, listClaimRows } from "@/lib/workflow/queries";
import type { ClaimRowView } from "@/lib/workflow/types";
import { submitClaim } from "@/lib/workflow/submit";
import { transitionClaim } from "@/lib/workflow/transition";
import { CLAIM_TEXT, createDesk, expectRefusedWithoutWrites, originCitation, refusal, submit, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { deadlineIds } from "./conditions";
import { setDueDate } from "./due-date";
import { scanDueSoon } from "./scanner";
import { DEFAULT_DEADLINE_SETTINGS, loadDeadlineSettings, updateDeadlineSettings } from "./settings";
import { HOUR_MS } from "./status";
import { overdueSummary } from "./summary";

const NOW = new Date("2026-06-10T12:00:00.000Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS).toISOString();

/** A draft that entered its state `hoursAgo` before NOW (the desk's default draft target is 48 h). */
async function draftEntered(desk: Desk, hoursAgo: number, text = `${CLAIM_TEXT} (${hoursAgo} h)`) {
  const claim = await submit(desk, desk.reporter, text);
  desk.db.update(claims).set({ enteredStateAt: at(-hoursAgo), createdAt: at(-hoursAgo) }).where(eq(claims.id, claim.id)).run();
  return claim;
}

async function due(desk: Desk, claimId: number, dueAt: string | null, actor = desk.editorA) {
  const version = desk.db.select({ version: claims.version }).from(claims).where(eq(claims.id, claimId)).get()!.version;
  return unwrap(await setDueDate(desk.db, actor, claimId, { dueAt, expectedVersion: version }));
}

const ids = async (db: Db, filters: Parameters<typeof listClaimRows>[1], limit = 100) => unwrap(await listClaimRows(db, filters, { limit }, { now: NOW })).data.map((row) => row.id);

/** Every batch claimRowBatches yields (it may be a generator or an async one). */
async function batchesOf(batches: Iterable<ClaimRowView[]> | AsyncIterable<ClaimRowView[]>): Promise<ClaimRowView[][]> {
  const all: ClaimRowView[][] = [];
  for await (const rows of batches) all.push(rows);
  return all;
}

describe("due dates", () => {
  it("a reporter gives their claim a due date at submit; it is stored in UTC and on the timeline", async () => {
    const desk = createDesk();
    const claim = unwrap(
      await submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, articleId: desk.articleId, citations: [originCitation(desk.articleId)], dueAt: "2026-06-11T09:30:00+02:00" }),
    );
    expect(claim.dueAt).toBe("2026-06-11T07:30:00.000Z");
    expect(claim.dueChanges).toMatchObject([{ dueAt: "2026-06-11T07:30:00.000Z", previousDueAt: null, changedByName: "Rita Reporter" }]);
    expect(claim.version).toBe(1);
  });

  it("refuses a malformed, zone-less, impossible or far-off date at submit with the field named, and creates nothing", async () => {
    const desk = createDesk();
    for (const dueAt of ["tomorrow", "2026-06-11", "2026-06-11T09:30", "2026-02-30T10:00:00Z", "2099-01-01T00:00:00Z", "1999-12-31T23:00:00Z"]) {
      const error = await expectRefusedWithoutWrites(desk.db, "invalid", () =>
        submitClaim(desk.db, desk.reporter, { text: CLAIM_TEXT, articleId: desk.articleId, citations: [originCitation(desk.articleId)], dueAt }),
      );
      expect(error.fields?.dueAt?.[0], dueAt).toMatch(/due date/);
    }
  });

  it("an editor changes and clears it: each a versioned change with an event and a timeline entry", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    const set = unwrap(await setDueDate(desk.db, desk.editorA, claim.id, { dueAt: "2026-06-12T17:00:00Z", expectedVersion: 1 }));
    expect(set).toMatchObject({ dueAt: "2026-06-12T17:00:00.000Z", version: 2 });
    const cleared = await setDueDate(desk.db, desk.editorB, claim.id, { dueAt: null, expectedVersion: 2 });
    expect(cleared.events).toMatchObject([{ kind: "claim.due_changed", claimId: claim.id, version: 3, dueAt: null, previous: "2026-06-12T17:00:00.000Z", actorId: desk.editorB.id }]);
    expect(unwrap(cleared)).toMatchObject({ dueAt: null, version: 3 });
    expect(unwrap(cleared).dueChanges.map((change) => [change.dueAt, change.changedByName])).toEqual([
      ["2026-06-12T17:00:00.000Z", "Ada Editor"],
      [null, "Ben Editor"],
    ]);
  });

  it("giving the date it already has changes nothing (no version, no event)", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    await due(desk, claim.id, "2026-06-12T17:00:00Z");
    const again = await setDueDate(desk.db, desk.editorA, claim.id, { dueAt: "2026-06-12T19:00:00+02:00", expectedVersion: 2 });
    expect(unwrap(again).version).toBe(2);
    expect(again.events).toEqual([]);
  });

  it("only editors change it later, a stale version is a conflict, a bad date is invalid — none of them write", async () => {
    const desk = createDesk();
    const claim = await submit(desk);
    const forbidden = await expectRefusedWithoutWrites(desk.db, "forbidden", () => setDueDate(desk.db, desk.reporter, claim.id, { dueAt: "2026-06-12T17:00:00Z", expectedVersion: 1 }));
    expect(forbidden.message).toBe("Only editors can change a claim's due date");
    await due(desk, claim.id, "2026-06-12T17:00:00Z");
    const stale = await expectRefusedWithoutWrites(desk.db, "conflict", () => setDueDate(desk.db, desk.editorB, claim.id, { dueAt: null, expectedVersion: 1 }));
    expect(stale.details).toMatchObject({ currentVersion: 2 });
    const bad = await expectRefusedWithoutWrites(desk.db, "invalid", () => setDueDate(desk.db, desk.editorB, claim.id, { dueAt: "2026-13-01T00:00:00Z", expectedVersion: 2 }));
    expect(bad.fields?.dueAt).toBeDefined();
    expect(refusal(await setDueDate(desk.db, desk.editorA, 9999, { dueAt: null, expectedVersion: 1 })).code).toBe("not_found");
  });
});

describe("the overdue and due-soon filters", () => {
  it("find dated claims past or near their date and undated ones past or near their state's target, never verified ones", async () => {
    const desk = createDesk();
    const lateByTarget = await draftEntered(desk, 50); // default draft target 48 h
    const soonByTarget = await draftEntered(desk, 45); // window min(24, 9.6) h
    const fresh = await draftEntered(desk, 1);
    const lateByDate = await draftEntered(desk, 1, `${CLAIM_TEXT} dated late`);
    await due(desk, lateByDate.id, at(-2));
    const soonByDate = await draftEntered(desk, 60, `${CLAIM_TEXT} dated soon`);
    await due(desk, soonByDate.id, at(3)); // its date rescues it from the missed target
    const laterByDate = await draftEntered(desk, 1, `${CLAIM_TEXT} dated later`);
    await due(desk, laterByDate.id, at(48));
    expect((await ids(desk.db, { deadline: "overdue" })).sort()).toEqual([lateByTarget.id, lateByDate.id].sort());
    expect((await ids(desk.db, { overdue: "true" })).sort()).toEqual([lateByTarget.id, lateByDate.id].sort());
    expect((await ids(desk.db, { deadline: "due_soon" })).sort()).toEqual([soonByTarget.id, soonByDate.id].sort());
    expect(await ids(desk.db, {})).toContain(fresh.id);
    // Verified: finished, whatever its due date said.
    const v1 = unwrap(await transitionClaim(desk.db, desk.editorA, lateByDate.id, { action: "review", note: "ok", citationIds: [lateByDate.citations[0].id], expectedVersion: 2 }));
    unwrap(await transitionClaim(desk.db, desk.editorB, lateByDate.id, { action: "verify", note: "ok", verdict: "true", citationIds: [lateByDate.citations[0].id], expectedVersion: v1.version }));
    expect(await ids(desk.db, { deadline: "overdue" })).toEqual([lateByTarget.id]);
    expect(await countClaimsByState(desk.db, { deadline: "overdue" }, { now: NOW })).toMatchObject({ draft: 1, reviewed: 0, verified: 0, total: 1 });
    expect(await countClaimsByState(desk.db, { deadline: "due_soon", submitterId: desk.reporter.id }, { now: NOW })).toMatchObject({ draft: 2, total: 2 });
  });

  it("reads index ranges only, never a scan of the claims (100k claims stay cheap), and combines with a state tab", async () => {
    const desk = createDesk();
    const late = await draftEntered(desk, 50);
    for (const window of ["overdue", "due_soon"] as const) {
      const built = desk.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${deadlineIds(DEFAULT_DEADLINE_SETTINGS, NOW, window)}`).map((row) => row.detail);
      expect(built.some((detail) => /^SCAN claims\b/.test(detail)), built.join("; ")).toBe(false);
      expect(built.filter((detail) => /claims_state_due|claims_undated_entered/.test(detail)).length).toBe(3);
    }
    expect(await ids(desk.db, { deadline: "overdue", state: "draft" })).toEqual([late.id]);
    expect(await ids(desk.db, { deadline: "overdue", state: "reviewed" })).toEqual([]);
  });

  it("a claim moving on restarts the clock of its new state (entered_state_at is kept by the database)", async () => {
    const desk = createDesk();
    const claim = await draftEntered(desk, 50);
    expect(await ids(desk.db, { deadline: "overdue" })).toEqual([claim.id]);
    const reviewed = unwrap(await transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "ok", citationIds: [claim.citations[0].id], expectedVersion: 1 }));
    expect(Date.parse(reviewed.enteredStateAt!)).toBeGreaterThan(Date.parse(at(-1)));
    // The real clock is after NOW's year? Use the row's own time: reviewed just now, 24 h target, not overdue now.
    expect(unwrap(await listClaimRows(desk.db, { deadline: "overdue" }, {}, {})).data).toEqual([]);
  });

  it("targets follow the admin's settings; without targets only due dates count", async () => {
    const desk = createDesk();
    const claim = await draftEntered(desk, 5);
    expect(await ids(desk.db, { deadline: "overdue" })).toEqual([]);
    unwrap(await updateDeadlineSettings(desk.db, desk.admin, { targets: { draft: 4, reviewed: 24 }, dueSoonHours: 24, dueSoonPercent: 20 }));
    expect(await ids(desk.db, { deadline: "overdue" })).toEqual([claim.id]);
    unwrap(await updateDeadlineSettings(desk.db, desk.admin, { targets: { draft: null, reviewed: null }, dueSoonHours: 24, dueSoonPercent: 20 }));
    expect(await ids(desk.db, { deadline: "overdue" })).toEqual([]);
  });

  it("sorts by due date, soonest first, undated after, across pages", async () => {
    const desk = createDesk();
    const undated = await submit(desk, desk.reporter, `${CLAIM_TEXT} undated`);
    const late = await submit(desk, desk.reporter, `${CLAIM_TEXT} late`);
    const soon = await submit(desk, desk.reporter, `${CLAIM_TEXT} soon`);
    await due(desk, late.id, at(30));
    await due(desk, soon.id, at(2));
    const first = unwrap(await listClaimRows(desk.db, { sort: "due" }, { limit: 2 }));
    expect(first.data.map((row) => row.id)).toEqual([soon.id, late.id]);
    const second = unwrap(await listClaimRows(desk.db, { sort: "due" }, { limit: 2, cursor: first.nextCursor }));
    expect(second.data.map((row) => row.id)).toEqual([undated.id]);
    expect(unwrap(await listClaimRows(desk.db, { sort: "due" }, { limit: 2, cursor: second.prevCursor })).data.map((row) => row.id)).toEqual([soon.id, late.id]);
  });
});

describe("deadline settings", () => {
  it("start at the defaults; only an admin changes them; bad values change nothing", async () => {
    const desk = createDesk();
    expect(await loadDeadlineSettings(desk.db)).toMatchObject({ ...DEFAULT_DEADLINE_SETTINGS, updatedAt: null });
    expect(refusal(await updateDeadlineSettings(desk.db, desk.editorA, { targets: { draft: 1, reviewed: 1 }, dueSoonHours: 1, dueSoonPercent: 1 }))).toMatchObject({ code: "forbidden" });
    const bad = refusal(await updateDeadlineSettings(desk.db, desk.admin, { targets: { draft: 0, reviewed: 1.5 }, dueSoonHours: 24, dueSoonPercent: 120 }));
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["dueSoonPercent", "targets.draft", "targets.reviewed"]);
    expect((await loadDeadlineSettings(desk.db)).updatedAt).toBeNull();
    expect(unwrap(await updateDeadlineSettings(desk.db, desk.admin, { targets: { draft: 72, reviewed: null }, dueSoonHours: 12, dueSoonPercent: 25 }))).toMatchObject({
      targets: { draft: 72, reviewed: null },
      dueSoonHours: 12,
      updatedByName: "Ann Admin",
    });
  });
});

describe("overdueSummary", () => {
  it("counts every overdue claim and lists the most late first, with assignee; a reporter's scope is their own", async () => {
    const desk = createDesk();
    const a = await draftEntered(desk, 100);
    const b = await draftEntered(desk, 60);
    const c = unwrap(await submitClaim(desk.db, desk.otherReporter, { text: `${CLAIM_TEXT} other`, articleId: desk.articleId, citations: [originCitation(desk.articleId)], dueAt: at(-70) }));
    unwrap(await assignClaim(desk.db, desk.editorA, b.id, { assigneeId: desk.editorB.id, expectedVersion: 1 }));
    await draftEntered(desk, 2);
    const summary = await overdueSummary(desk.db, {}, NOW);
    expect(summary.count).toBe(3);
    expect(summary.claims.map((claim) => [claim.id, claim.source, Math.round(claim.hoursLate)])).toEqual([
      [c.id, "due", 70],
      [a.id, "target", 52],
      [b.id, "target", 12],
    ]);
    expect(summary.claims[2]).toMatchObject({ assigneeName: "Ben Editor", state: "draft", dueAt: null, deadline: at(-12) });
    expect(await overdueSummary(desk.db, { submitterId: desk.otherReporter.id }, NOW)).toMatchObject({ count: 1, claims: [{ id: c.id }] });
    expect((await overdueSummary(desk.db, {}, NOW, { limit: 1 })).claims.map((claim) => claim.id)).toEqual([c.id]);
  });
});

describe("the due-soon scanner", () => {
  async function assignedDueIn(desk: Desk, hours: number) {
    const claim = await submit(desk, desk.reporter, `${CLAIM_TEXT} in ${hours} h`);
    unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: 1 }));
    return due(desk, claim.id, at(hours));
  }
  const dueSoonRows = (db: Db) => db.select().from(notifications).where(eq(notifications.kind, "due_soon")).all();

  it("tells the assignee once per claim and due date, however often it scans", async () => {
    const desk = createDesk();
    const soon = await assignedDueIn(desk, 5);
    await assignedDueIn(desk, 50); // not yet
    await submit(desk, desk.reporter, `${CLAIM_TEXT} unassigned`); // nobody to tell
    const events = await scanDueSoon(desk.db, NOW);
    expect(events).toMatchObject([{ kind: "claim.due_soon", claimId: soon.id, assigneeId: desk.editorB.id, deadline: at(5), source: "due" }]);
    await notify(desk.db, events);
    expect(await scanDueSoon(desk.db, NOW)).toEqual([]);
    expect(await scanDueSoon(desk.db, new Date(NOW.getTime() + HOUR_MS))).toEqual([]);
    await notify(desk.db, events); // a replayed event adds nothing either
    expect(dueSoonRows(desk.db)).toMatchObject([{ userId: desk.editorB.id, claimId: soon.id }]);
    expect(dueSoonRows(desk.db)[0].message).toMatch(new RegExp(`^Claim #${soon.id}, assigned to you, is due in 5 h`));
    // A new due date is a new deadline: told again when it comes near.
    await due(desk, soon.id, at(30));
    expect(await scanDueSoon(desk.db, NOW)).toEqual([]);
    expect(await scanDueSoon(desk.db, new Date(NOW.getTime() + 10 * HOUR_MS))).toHaveLength(1);
  });

  it("announces undated claims near their state's target too", async () => {
    const desk = createDesk();
    const claim = await draftEntered(desk, 45);
    unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: 1 }));
    expect(await scanDueSoon(desk.db, NOW)).toMatchObject([{ claimId: claim.id, source: "target", deadline: at(3) }]);
  });

  it("respects a muted kind: the event is recorded but nobody who muted it is notified", async () => {
    const desk = createDesk();
    await assignedDueIn(desk, 5);
    unwrap(await setPreferences(desk.db, desk.editorB, { enabled: NOTIFICATION_KINDS.filter((kind) => kind !== "due_soon"), emailMode: "off" }));
    await notify(desk.db, await scanDueSoon(desk.db, NOW));
    expect(dueSoonRows(desk.db)).toEqual([]);
    expect(desk.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM deadline_alerts`)!.n).toBe(1);
  });
});

describe("claimRowBatches (for exports)", () => {
  it("yields every row of the view in its order, batch by batch, the same as paging listClaimRows", async () => {
    const { claimRowBatches } = await import("@/lib/workflow/queries");
    const desk = createDesk();
    const made = await Promise.all(Array.from({ length: 7 }, (_, n) => submit(desk, desk.reporter, `${CLAIM_TEXT} batch ${n}`)));
    await due(desk, made[5]!.id, at(1));
    await due(desk, made[2]!.id, at(2));
    for (const sort of ["oldest", "newest", "due"] as const) {
      const batches = await batchesOf(claimRowBatches(desk.db, { sort }, {}, 3));
      expect(batches.map((rows) => rows.length)).toEqual([3, 3, 1]);
      const paged: number[] = [];
      let cursor: string | null | undefined;
      do {
        const page = unwrap(await listClaimRows(desk.db, { sort }, { limit: 2, cursor }));
        paged.push(...page.data.map((row) => row.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(batches.flat().map((row) => row.id), sort).toEqual(paged);
    }
    expect((await batchesOf(claimRowBatches(desk.db, { sort: "due" }, {}, 3))).flat().slice(0, 2).map((row) => row.id)).toEqual([made[5]!.id, made[2]!.id]);
  });
});
