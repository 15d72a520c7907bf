import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { comments, notifications, users } from "@/db/schema";
import { createTestDb } from "@/lib/testing/db";
import { seedDemo } from "./seed";

describe("seedDemoComments", () => {
  it("seeds a discussion with mentions, and the inbox the seeded work would have made", async () => {
    const db = createTestDb();
    await seedDemo(db);
    expect(db.select().from(comments).all()).toHaveLength(3);
    const rita = db.select().from(users).where(eq(users.email, "reporter@factdesk.test")).get()!;
    const kinds = db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, rita.id)).all().map((row) => row.kind);
    expect(kinds).toEqual(expect.arrayContaining(["mentioned", "reviewed", "verified"]));
  });
});
