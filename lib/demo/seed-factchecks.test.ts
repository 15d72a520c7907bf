import { describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/testing/db";
import { listFactchecks } from "@/lib/factchecks";
import { matchText } from "@/lib/match";
import { seedFactchecks } from "./seed-factchecks";

describe("seedFactchecks", () => {
  it("imports the demo archive once and again without duplicates, and the demo story's pardon mix-up finds its check", () => {
    const db = createTestDb();
    expect(seedFactchecks(db)).toBe(12);
    expect(seedFactchecks(db)).toBe(12);
    expect(listFactchecks(db).total).toBe(12);
    const [best] = matchText(db, "Trump pardoned Alice Marie Johnson", { sources: ["archive"] });
    expect(best.url).toBe("https://harbourfacts.example.org/checks/johnson-pardon");
  });
});
