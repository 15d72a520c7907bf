import { expect, it } from "vitest";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { refusal, unwrap } from "@/lib/workflow/test-fixtures";
import { NOTIFICATION_KINDS } from "./kinds";
import { emailModesOf, mutedKindsOf, preferencesOf, setPreferences } from "./preferences";

onEveryEngine("notification preferences", (database) => {
  it("everything on and no email until a person chooses; their choice is theirs alone", async () => {
    const db = database();
    const ada = await createUserOn(db, "editor");
    const ben = await createUserOn(db, "reporter");
    expect(await preferencesOf(db, ada.id)).toEqual({ enabled: [...NOTIFICATION_KINDS], emailMode: "off" });
    expect(unwrap(await setPreferences(db, ada, { enabled: ["mentioned"], emailMode: "daily" }))).toEqual({ enabled: ["mentioned"], emailMode: "daily" });
    expect(await preferencesOf(db, ada.id)).toEqual({ enabled: ["mentioned"], emailMode: "daily" });
    expect(await preferencesOf(db, ben.id)).toEqual({ enabled: [...NOTIFICATION_KINDS], emailMode: "off" });
    // Saving again replaces the row.
    unwrap(await setPreferences(db, ada, { enabled: [...NOTIFICATION_KINDS], emailMode: "immediate" }));
    expect(await preferencesOf(db, ada.id)).toEqual({ enabled: [...NOTIFICATION_KINDS], emailMode: "immediate" });
    expect(refusal(await setPreferences(db, ada, { enabled: ["bogus"], emailMode: "off" })).code).toBe("invalid");
    expect(await preferencesOf(db, ada.id)).toEqual({ enabled: [...NOTIFICATION_KINDS], emailMode: "immediate" });
  });

  it("reads several people's email modes at once, off for those who never chose", async () => {
    const db = database();
    const ada = await createUserOn(db, "editor");
    const ben = await createUserOn(db, "editor");
    unwrap(await setPreferences(db, ada, { enabled: NOTIFICATION_KINDS.filter((kind) => kind !== "due_soon"), emailMode: "daily" }));
    expect(await emailModesOf(db, [])).toEqual(new Map());
    expect(await emailModesOf(db, [ada.id, ben.id])).toEqual(new Map([[ada.id, "daily"], [ben.id, "off"]]));
    // The handler's reader of muted kinds agrees.
    expect(await mutedKindsOf(db, [ada.id, ben.id])).toEqual(new Map([[ada.id, new Set(["due_soon"])]]));
    expect(await mutedKindsOf(db, [])).toEqual(new Map());
  });
});
