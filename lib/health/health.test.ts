import { describe, expect, it } from "vitest";
import { healthSchema } from "@/lib/api/schemas";
import { createTestDb } from "@/lib/testing/db";
import { checkHealth } from "./health";

describe("checkHealth", () => {
  it("reports ok, the API version and the time, in the shape the OpenAPI document promises", () => {
    const now = new Date("2026-01-05T10:00:00.000Z");
    const health = checkHealth(createTestDb(), now);
    expect(health).toEqual({ status: "ok", version: "1", time: now.toISOString() });
    expect(healthSchema.parse(health)).toEqual(health);
  });

  it("fails when the database cannot answer, rather than reporting ok", () => {
    const db = createTestDb();
    db.$client.close();
    expect(() => checkHealth(db)).toThrow();
  });
});
