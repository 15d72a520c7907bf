import { describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/testing/db";
import type { RecordedEvent } from "../types";
import { pagesChangedBy } from "./pages";

const at = "2026-01-01T00:00:00.000Z";

describe("pagesChangedBy", () => {
  it("a claim change refreshes My work, the queue and the claim's page; a comment only the claim's page", () => {
    const db = createTestDb();
    const events: RecordedEvent[] = [
      { id: 1, kind: "claim.assigned", claimId: 7, articleId: null, version: 2, actorId: 1, at, assigneeId: 2, previous: null },
      { id: 2, kind: "comment.added", claimId: 9, articleId: null, commentId: 1, mentions: [], actorId: 1, at },
    ];
    expect([...pagesChangedBy(db, events)].sort()).toEqual(["/", "/claims/7", "/claims/9", "/queue"]);
    expect([...pagesChangedBy(db, [events[1]!])]).toEqual(["/claims/9"]);
  });
});
