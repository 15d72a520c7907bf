import { expect, it } from "vitest";
import { healthSchema } from "@/lib/api/schemas";
import { onEveryEngine } from "@/lib/testing/engines";
import { createTestDb } from "@/lib/testing/db";
import { checkHealth } from "./health";

onEveryEngine("checkHealth", (database) => {
  it("reports ok, the API version and the time, in the shape the OpenAPI document promises", async () => {
    const now = new Date("2026-01-05T10:00:00.000Z");
    const health = await checkHealth(database(), now);
    expect(health).toEqual({ status: "ok", version: "1", time: now.toISOString() });
    expect(healthSchema.parse(health)).toEqual(health);
  });
});

it("fails when the database cannot answer, rather than reporting ok", async () => {
  const db = createTestDb();
  db.$client.close();
  await expect(checkHealth(db)).rejects.toThrow();
});
