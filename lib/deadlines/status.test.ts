import { describe, expect, it } from "vitest";
import { DEFAULT_DEADLINE_SETTINGS } from "./settings";
import { claimDeadline, deadlineStatus, dueSoonWindowMs, lateness, HOUR_MS } from "./status";

const NOW = new Date("2026-06-10T12:00:00.000Z");
const hoursFromNow = (hours: number) => new Date(NOW.getTime() + hours * HOUR_MS).toISOString();
const settings = { targets: { draft: 48, reviewed: 10 }, dueSoonHours: 24, dueSoonPercent: 20 };

describe("deadline states", () => {
  it("judges a dated claim by its due date: overdue from the instant it passes, due soon within 24 h before, on time before that", () => {
    const dated = (hours: number) => deadlineStatus({ state: "draft", dueAt: hoursFromNow(hours), enteredStateAt: hoursFromNow(-1000) }, settings, NOW);
    expect(dated(-5)).toBe("overdue");
    expect(dated(0)).toBe("overdue");
    expect(dated(0.01)).toBe("due_soon");
    expect(dated(24)).toBe("due_soon");
    expect(dated(24.01)).toBe("on_time");
  });

  it("judges an undated claim against its state's target from when it entered the state", () => {
    // draft target 48 h, window min(24 h, 20 % of 48 h = 9.6 h) = 9.6 h
    const draft = (enteredHoursAgo: number) => deadlineStatus({ state: "draft", dueAt: null, enteredStateAt: hoursFromNow(-enteredHoursAgo) }, settings, NOW);
    expect(draft(49)).toBe("overdue");
    expect(draft(48)).toBe("overdue");
    expect(draft(47)).toBe("due_soon");
    expect(draft(48 - 9.6)).toBe("due_soon");
    expect(draft(48 - 9.7)).toBe("on_time");
    // reviewed target 10 h: window 2 h (20 %), not 24 h, so a fresh reviewed claim is on time
    const reviewed = (enteredHoursAgo: number) => deadlineStatus({ state: "reviewed", dueAt: null, enteredStateAt: hoursFromNow(-enteredHoursAgo) }, settings, NOW);
    expect(reviewed(0)).toBe("on_time");
    expect(reviewed(8.5)).toBe("due_soon");
    expect(reviewed(10)).toBe("overdue");
  });

  it("a due date wins over the target, even when the target is already missed", () => {
    const claim = { state: "draft" as const, dueAt: hoursFromNow(72), enteredStateAt: hoursFromNow(-500) };
    expect(claimDeadline(claim, settings, NOW)).toMatchObject({ status: "on_time", source: "due", at: hoursFromNow(72) });
  });

  it("has no deadline when verified, or undated in a state without a target", () => {
    expect(deadlineStatus({ state: "verified", dueAt: hoursFromNow(-5), enteredStateAt: hoursFromNow(-500) }, settings, NOW)).toBe("none");
    const noTargets = { ...settings, targets: { draft: null, reviewed: null } };
    expect(deadlineStatus({ state: "draft", dueAt: null, enteredStateAt: hoursFromNow(-500) }, noTargets, NOW)).toBe("none");
    expect(deadlineStatus({ state: "draft", dueAt: hoursFromNow(-1), enteredStateAt: hoursFromNow(-500) }, noTargets, NOW)).toBe("overdue");
  });

  it("falls back to the creation time when the row has no entered-state time", () => {
    expect(claimDeadline({ state: "draft", dueAt: null, enteredStateAt: null, createdAt: hoursFromNow(-50) }, settings, NOW)).toMatchObject({ status: "overdue", source: "target", hoursLeft: -2 });
  });

  it("says how late or how soon in words", () => {
    expect(lateness(-3.2)).toBe("3 h late");
    expect(lateness(-72)).toBe("3 d late");
    expect(lateness(0.25)).toBe("due in 15 min");
    expect(lateness(5)).toBe("due in 5 h");
  });

  it("the default window is a day before a due date and a fifth of the target before a target", () => {
    expect(dueSoonWindowMs(DEFAULT_DEADLINE_SETTINGS, "due") / HOUR_MS).toBe(24);
    expect(dueSoonWindowMs(DEFAULT_DEADLINE_SETTINGS, "target", 24) / HOUR_MS).toBeCloseTo(4.8);
  });
});
