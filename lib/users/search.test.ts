import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { searchUsers } from "./search";

describe("searchUsers", () => {
  it("finds active users by part of their name, those starting with it first", () => {
    const db = createTestDb();
    createTestUser(db, "editor", "Elena Marsh");
    createTestUser(db, "reporter", "Adele Quinn");
    const gone = createTestUser(db, "editor", "Eliot Gone");
    db.update(users).set({ disabled: true }).where(eq(users.id, gone.id)).run();
    expect(searchUsers(db, "el").map((u) => u.name)).toEqual(["Elena Marsh", "Adele Quinn"]);
    expect(searchUsers(db, "MARSH")).toEqual([{ id: expect.any(Number), name: "Elena Marsh", role: "editor" }]);
    expect(searchUsers(db, "%")).toEqual([]);
    expect(searchUsers(db, "").map((u) => u.name)).toEqual(["Adele Quinn", "Elena Marsh"]);
  });
});
