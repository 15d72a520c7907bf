import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { tablesOf } from "@/db/tables";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { searchUsers } from "./search";

onEveryEngine("searchUsers", (database) => {
  it("finds active users by part of their name, those starting with it first", async () => {
    const db = database();
    const { users } = tablesOf(db);
    await createUserOn(db, "editor", "Elena Marsh");
    await createUserOn(db, "reporter", "Adele Quinn");
    const gone = await createUserOn(db, "editor", "Eliot Gone");
    await db.update(users).set({ disabled: true }).where(eq(users.id, gone.id));
    expect((await searchUsers(db, "el")).map((u) => u.name)).toEqual(["Elena Marsh", "Adele Quinn"]);
    expect(await searchUsers(db, "MARSH")).toEqual([{ id: expect.any(Number), name: "Elena Marsh", role: "editor" }]);
    expect(await searchUsers(db, "%")).toEqual([]);
    expect((await searchUsers(db, "")).map((u) => u.name)).toEqual(["Adele Quinn", "Elena Marsh"]);
  });
});
