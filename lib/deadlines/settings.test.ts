import { describe, expect, it } from "vitest";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { refusal, unwrap } from "@/lib/workflow/test-fixtures";
import { DEFAULT_DEADLINE_SETTINGS, loadDeadlineSettings, updateDeadlineSettings } from "./settings";

onEveryEngine("deadline settings", (database) => {
  it("start at the defaults; only an admin changes them; bad values change nothing; saving twice updates the one row", async () => {
    const db = database();
    const admin = await createUserOn(db, "admin", "Ann Admin");
    const editor = await createUserOn(db, "editor");
    expect(await loadDeadlineSettings(db)).toEqual({ ...DEFAULT_DEADLINE_SETTINGS, updatedAt: null, updatedByName: null });
    expect(refusal(await updateDeadlineSettings(db, editor, { targets: { draft: 1, reviewed: 1 }, dueSoonHours: 1, dueSoonPercent: 1 })).code).toBe("forbidden");
    const bad = refusal(await updateDeadlineSettings(db, admin, { targets: { draft: 0, reviewed: 1.5 }, dueSoonHours: 24, dueSoonPercent: 120 }));
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["dueSoonPercent", "targets.draft", "targets.reviewed"]);
    expect((await loadDeadlineSettings(db)).updatedAt).toBeNull();
    const saved = unwrap(await updateDeadlineSettings(db, admin, { targets: { draft: 72, reviewed: null }, dueSoonHours: 12, dueSoonPercent: 25 }));
    expect(saved).toMatchObject({ targets: { draft: 72, reviewed: null }, dueSoonHours: 12, dueSoonPercent: 25, updatedByName: "Ann Admin" });
    expect(typeof saved.updatedAt).toBe("string");
    const again = unwrap(await updateDeadlineSettings(db, admin, { targets: { draft: 4, reviewed: 24 }, dueSoonHours: 24, dueSoonPercent: 20 }));
    expect(await loadDeadlineSettings(db)).toEqual(again);
    expect(again.targets).toEqual({ draft: 4, reviewed: 24 });
  });
});

describe("DEFAULT_DEADLINE_SETTINGS", () => {
  it("two days to review a draft, one to verify, warned a day ahead", () => {
    expect(DEFAULT_DEADLINE_SETTINGS).toEqual({ targets: { draft: 48, reviewed: 24 }, dueSoonHours: 24, dueSoonPercent: 20 });
  });
});
