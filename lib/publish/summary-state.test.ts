import { beforeEach, describe, expect, it } from "vitest";
import { onEveryEngine } from "@/lib/testing/engines";
import { submit } from "@/lib/workflow/test-fixtures";
import { publishSummary, withdrawSummary } from "./publish";
import { summaryStateLabel, summaryStateOf, summaryStatesOf } from "./summary-state";
import { createPublishDeskOn, unwrap, type PublishDesk } from "./test-helpers";

// One database per engine; each test has its own desk (users and article).
onEveryEngine("summary states", (database) => {
  let desk: PublishDesk;
  beforeEach(async () => {
    desk = await createPublishDeskOn(database());
  }, 60_000);

  const publish = async (correctionNote?: string) =>
    unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "What we checked", introduction: "An introduction for readers.", correctionNote }));
  const state = async () => (await summaryStateOf(desk.db, desk.articleId))!;

  describe("summary states", () => {
    it("an article with nothing verified is not published and has nothing to publish", async () => {
      await submit(desk, desk.reporter, "A draft claim that nobody has reviewed yet.");
      expect(await state()).toMatchObject({ kind: "unpublished", version: 0, open: 1, verified: 0, publishable: false });
      expect(summaryStateLabel(await state())).toBe("Not published");
    });

    it("once a claim is verified it is ready to publish; published, it is version 1 with nothing left to publish", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      expect(await state()).toMatchObject({ kind: "unpublished", verified: 1, newlyVerified: 1, publishable: true });
      expect(summaryStateLabel(await state())).toBe("Not published (1 verified to publish)");
      await publish();
      expect(await state()).toMatchObject({ kind: "published", version: 1, returned: 0, newlyVerified: 0, publishable: false });
      expect(summaryStateLabel(await state())).toBe("Published as version 1");
    });

    it("a published claim returned to the workflow makes the summary need republishing, and publishable once something verified remains", async () => {
      const first = await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      const second = await desk.verified("She was sentenced to life in 1996 for a drug offence.", "mixed");
      await publish();
      await desk.returnClaim(second);
      expect(await state()).toMatchObject({ kind: "stale", version: 1, returned: 1, verified: 1, open: 1, publishable: true });
      expect(summaryStateLabel(await state())).toBe("Needs republishing: a claim was returned since version 1");
      // Returning the last verified claim too: still stale, but a summary needs one verified claim to publish.
      await desk.returnClaim(first);
      expect(await state()).toMatchObject({ kind: "stale", returned: 2, verified: 0, publishable: false });
    });

    it("re-verified after a return, the claim is newly verified until version 2 is published", async () => {
      const claim = await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      await publish();
      await desk.reverify(await desk.returnClaim(claim), "mostly-true");
      expect(await state()).toMatchObject({ kind: "stale", returned: 1, newlyVerified: 1, publishable: true });
      await publish("The verdict was refined after new evidence on her sentence.");
      expect(await state()).toMatchObject({ kind: "published", version: 2, returned: 0, newlyVerified: 0, publishable: false });
      expect(summaryStateLabel(await state())).toBe("Published as version 2");
    });

    it("a withdrawn summary says so and may be put back up", async () => {
      await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
      await publish();
      unwrap(await withdrawSummary(desk.db, desk.editorA, desk.articleId, { reason: "The court record was misread." }));
      expect(await state()).toMatchObject({ kind: "withdrawn", version: 1, publishable: true });
      expect(summaryStateLabel(await state())).toBe("Withdrawn (version 1)");
    });

    it("reads many articles at once and ignores ids that are not articles", async () => {
      const states = await summaryStatesOf(desk.db, [desk.articleId, 999999999, -1]);
      expect([...states.keys()]).toEqual([desk.articleId, 999999999]);
      expect(states.get(999999999)).toMatchObject({ kind: "unpublished", verified: 0, open: 0 });
    });
  });
});
