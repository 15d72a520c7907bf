import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { assignClaim } from "@/lib/workflow/assign";
import { createDesk, submit, unwrap } from "@/lib/workflow/test-fixtures";
import { setDueDate } from "./due-date";
import { startDueSoonScanner, stopDueSoonScanner } from "./server";

afterEach(() => {
  stopDueSoonScanner();
  vi.useRealTimers();
});

describe("startDueSoonScanner", () => {
  it("starts one interval however often it is called, and each tick scans with the injected clock, announcing a deadline once", async () => {
    vi.useFakeTimers();
    const desk = createDesk();
    const now = new Date("2026-06-10T12:00:00.000Z");
    const claim = await submit(desk);
    unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorB.id, expectedVersion: 1 }));
    unwrap(await setDueDate(desk.db, desk.editorA, claim.id, { dueAt: "2026-06-10T15:00:00.000Z", expectedVersion: 2 }));
    const intervals = vi.spyOn(globalThis, "setInterval");
    startDueSoonScanner({ db: () => desk.db, now: () => now, intervalMs: 1000 });
    startDueSoonScanner({ db: () => desk.db, now: () => now, intervalMs: 1000 });
    expect(intervals).toHaveBeenCalledTimes(1);
    const alerts = () => desk.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM deadline_alerts`)!.n;
    const dueSoonEvents = () => desk.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM events WHERE kind = 'claim.due_soon'`)!.n;
    expect(alerts()).toBe(0);
    // The scan awaits its reads (on either engine), so let each tick's promises settle.
    await vi.advanceTimersByTimeAsync(1000);
    expect([alerts(), dueSoonEvents()]).toEqual([1, 1]);
    await vi.advanceTimersByTimeAsync(5000);
    expect([alerts(), dueSoonEvents()]).toEqual([1, 1]);
  });

  it("keeps running when a scan fails (logged, tried again next tick)", () => {
    vi.useFakeTimers();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    startDueSoonScanner({ db: () => { throw new Error("database is locked"); }, intervalMs: 1000 });
    vi.advanceTimersByTime(2000);
    expect(errors).toHaveBeenCalledTimes(2);
    errors.mockRestore();
  });
});
