import { describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/testing/db";
import type { RecordedEvent } from "../types";
import { publishSummary } from "@/lib/publish/publish";
import { createPublishDesk, unwrap } from "@/lib/publish/test-helpers";
import { pagesChangedBy } from "./pages";

const at = "2026-01-01T00:00:00.000Z";

describe("pagesChangedBy", () => {
  it("a claim change refreshes My work, the queue and the claim's page; a comment only the claim's page", async () => {
    const db = createTestDb();
    const events: RecordedEvent[] = [
      { id: 1, kind: "claim.assigned", claimId: 7, articleId: null, version: 2, actorId: 1, at, assigneeId: 2, previous: null },
      { id: 2, kind: "comment.added", claimId: 9, articleId: null, commentId: 1, mentions: [], actorId: 1, at },
    ];
    expect([...(await pagesChangedBy(db, events))].sort()).toEqual(["/", "/claims/7", "/claims/9", "/queue"]);
    expect([...(await pagesChangedBy(db, [events[1]!]))]).toEqual(["/claims/9"]);
    // A due date set or changed: the claim's page and the lists that show it; nothing public.
    const due: RecordedEvent = { id: 3, kind: "claim.due_changed", claimId: 11, articleId: null, version: 3, actorId: 1, at, dueAt: "2026-01-02T12:00:00.000Z", previous: null };
    expect([...(await pagesChangedBy(db, [due]))].sort()).toEqual(["/", "/claims/11", "/queue"]);
  });

  it("a publication refreshes every public answer of the summary (pages, share images, embeds of each claim it carried, list, feed) and the desk's article pages", async () => {
    const desk = createPublishDesk();
    const claim = await desk.verified("She was 63 when her sentence was commuted.", "false");
    const { summary } = unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "Clemency checked", introduction: "What we found in the court record." }));
    const event: RecordedEvent = { id: 1, kind: "summary.published", summaryId: summary.id, articleId: desk.articleId, slug: summary.slug, version: 1, actorId: desk.editorA.id, at };
    const base = `/summaries/${summary.slug}`;
    expect([...(await pagesChangedBy(desk.db, [event]))].sort()).toEqual(
      [
        base,
        `${base}/opengraph-image`,
        `${base}/embed`,
        `${base}/embed/claim/${claim.id}`,
        `${base}/v/1`,
        `${base}/v/1/opengraph-image`,
        "/summaries",
        "/summaries/feed.xml",
        `/articles/${desk.articleId}/publish`,
        `/articles/${desk.articleId}`,
        "/articles",
      ].sort(),
    );
  });
});

