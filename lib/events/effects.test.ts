import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { publishSummary } from "@/lib/publish/publish";
import { createPublishDesk, unwrap } from "@/lib/publish/test-helpers";
import { createTestUser } from "@/lib/testing/db";
import { transitionClaim } from "@/lib/workflow";
import { submit } from "@/lib/workflow/test-fixtures";
import { recordEvent } from ".";
import { applyEffects, effectsPending } from "./effects";
import { MAX_PAGES_ONE_BY_ONE } from "./handlers/revalidate";

const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({
  revalidatePath: (page: string, type?: string) => void revalidated.push(type ? `${page} (${type})` : page),
}));

beforeEach(async () => {
  revalidated.length = 0;
});

/** A desk with a published summary of one verified claim, its effects already applied. */
async function publishedDesk() {
  const desk = createPublishDesk();
  const claim = await desk.verified("She was 63 when her sentence was commuted.", "false");
  const { summary } = unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "Clemency checked", introduction: "What we found in the court record." }));
  await applyEffects(desk.db);
  revalidated.length = 0;
  return { ...desk, claim, slug: summary.slug };
}

describe("applyEffects: page revalidation from the events", () => {
  it("refreshes a summary's public pages and its publish page when it is published", async () => {
    const desk = createPublishDesk();
    await desk.verified("She was 63 when her sentence was commuted.", "false");
    await applyEffects(desk.db);
    revalidated.length = 0;
    const { summary } = unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "Clemency checked", introduction: "What we found in the court record." }));
    await applyEffects(desk.db);
    const base = `/summaries/${summary.slug}`;
    expect(revalidated).toEqual(expect.arrayContaining([`/articles/${desk.articleId}/publish`, `/articles/${desk.articleId}`, "/articles", "/summaries", "/summaries/feed.xml", base, `${base}/opengraph-image`, `${base}/embed`, `${base}/v/1`, `${base}/v/1/opengraph-image`, expect.stringMatching(new RegExp(`^${base}/embed/claim/\\d+$`))]));
    expect(revalidated).toHaveLength(11);
  });

  it("refreshes the public summary when a claim of it leaves verified (what revalidateSummariesIfReopened did), each page once", async () => {
    const desk = await publishedDesk();
    await desk.returnClaim(desk.claim);
    await applyEffects(desk.db);
    const base = `/summaries/${desk.slug}`;
    expect(revalidated.sort()).toEqual(["/", "/queue", `/claims/${desk.claim.id}`, "/articles", `/articles/${desk.articleId}`, "/summaries", "/summaries/feed.xml", base, `${base}/opengraph-image`, `${base}/embed`, `${base}/embed/claim/${desk.claim.id}`, `${base}/v/1`, `${base}/v/1/opengraph-image`].sort());
    await applyEffects(desk.db);
    expect(revalidated).toHaveLength(13);
  });

  it("leaves the public pages alone for a transition that does not reopen a published claim", async () => {
    const desk = await publishedDesk();
    const claim = await submit(desk);
    unwrap(await transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "Checked", citationIds: [claim.citations[0].id], expectedVersion: claim.version }));
    await applyEffects(desk.db);
    expect(revalidated.sort()).toEqual(["/", `/claims/${claim.id}`, "/queue"]);
  });

  it("refreshes the server's pages for a change another process committed (the CLI)", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-effects-")), "desk.db");
    const server = openDatabase(file);
    const cli = openDatabase(file);
    const actor = createTestUser(server, "editor");
    await applyEffects(server);
    cli.transaction((tx) => recordEvent(tx, { kind: "summary.withdrawn", summaryId: 1, articleId: 4, slug: "clemency", version: 2, actorId: actor.id }));
    expect(await effectsPending(server)).toBe(true);
    await applyEffects(server);
    expect(await effectsPending(server)).toBe(false);
    expect(revalidated).toEqual(expect.arrayContaining(["/summaries/clemency", "/summaries/clemency/v/1", "/summaries/clemency/v/2", "/summaries", "/articles/4/publish"]));
    server.$client.close();
    cli.$client.close();
  });

  it("drops the whole cache once for a backlog of many pages (demo:load) instead of one call per page", async () => {
    const desk = createPublishDesk();
    await applyEffects(desk.db);
    revalidated.length = 0;
    desk.db.transaction((tx) => {
      for (let claimId = 1; claimId <= MAX_PAGES_ONE_BY_ONE + 1; claimId++) {
        recordEvent(tx, { kind: "claim.submitted", claimId, articleId: null, version: 1, actorId: desk.reporter.id });
      }
    });
    await applyEffects(desk.db);
    expect(revalidated).toEqual(["/ (layout)"]);
  });
});
