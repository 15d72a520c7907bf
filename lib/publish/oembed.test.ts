import { beforeEach, describe, expect, it } from "vitest";
import { onEveryEngine } from "@/lib/testing/engines";
import { publishSummary, withdrawSummary } from "./publish";
import { oembedFor, oembedProblems, targetOf } from "./oembed";
import { createPublishDeskOn, unwrap, type PublishDesk } from "./test-helpers";

const BASE = "https://factcheck.example";
// One database per engine; each test publishes on its own desk.
onEveryEngine("oEmbed", (database) => {
  let desk: PublishDesk;
  let slug: string;
  let claimId: number;

  beforeEach(async () => {
    desk = await createPublishDeskOn(database());
    claimId = (await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true")).id;
    await desk.verified("She was sentenced to life in 1996 for a drug offence.", "mixed");
    slug = unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "Her sentence, checked", introduction: "What the record says." })).summary.slug;
  }, 60_000);

    it("answers a summary's address with a valid rich embed: an iframe of its card, sized to fit", async () => {
      const answer = await oembedFor(desk.db, { url: `${BASE}/summaries/${slug}`, format: "json" }, BASE);
      expect(answer.status).toBe(200);
      if (answer.status !== 200) return;
      expect(oembedProblems(answer.body)).toEqual([]);
      expect(answer.body).toMatchObject({ type: "rich", version: "1.0", provider_name: "Factdesk", provider_url: BASE, title: "Her sentence, checked", width: 560 });
      expect(answer.body.html).toContain(`src="${BASE}/summaries/${slug}/embed"`);
      expect(answer.body.html).toContain(`height="${answer.body.height}"`);
    });

    it("a claim's anchor, ?claim= or its embed address give that claim's card; maxwidth/maxheight shrink it", async () => {
      for (const url of [`${BASE}/summaries/${slug}#claim-${claimId}`, `${BASE}/summaries/${slug}/embed?claim=${claimId}`, `${BASE}/summaries/${slug}/embed/claim/${claimId}`]) {
        const answer = await oembedFor(desk.db, { url, maxwidth: "400", maxheight: "300" }, BASE);
        expect(answer.status, url).toBe(200);
        if (answer.status !== 200) continue;
        expect(answer.body.html).toContain(`/summaries/${slug}/embed/claim/${claimId}"`);
        expect([answer.body.width, answer.body.height]).toEqual([400, 300]);
        expect(oembedProblems(answer.body)).toEqual([]);
      }
    });

    it("follows the spec's errors: 501 for another format, 404 for an address that is not ours or is withdrawn, 400 without url", async () => {
      expect((await oembedFor(desk.db, { url: `${BASE}/summaries/${slug}`, format: "xml" }, BASE)).status).toBe(501);
      expect((await oembedFor(desk.db, { url: `https://elsewhere.example/summaries/${slug}` }, BASE)).status).toBe(404);
      expect((await oembedFor(desk.db, { url: `${BASE}/summaries/no-such-thing` }, BASE)).status).toBe(404);
      expect((await oembedFor(desk.db, { url: `${BASE}/claims/${claimId}` }, BASE)).status).toBe(404);
      expect((await oembedFor(desk.db, { url: `${BASE}/summaries/${slug}#claim-999999` }, BASE)).status).toBe(404);
      expect((await oembedFor(desk.db, {}, BASE)).status).toBe(400);
      expect((await oembedFor(desk.db, { url: `${BASE}/summaries/${slug}`, maxwidth: "wide" }, BASE)).status).toBe(400);
      unwrap(await withdrawSummary(desk.db, desk.editorA, desk.articleId, { reason: "Misread the record." }));
      expect((await oembedFor(desk.db, { url: `${BASE}/summaries/${slug}` }, BASE)).status).toBe(404);
    });
});

describe("oEmbed addresses and answers", () => {
  it("reads only our own summary addresses", () => {
    const slug = "her-sentence-checked";
    expect(targetOf(`${BASE}/summaries/${slug}/v/2`, BASE)).toEqual({ slug, claimId: null });
    expect(targetOf(`${BASE}/summaries/Bad_Slug`, BASE)).toBeNull();
    expect(targetOf("not a url", BASE)).toBeNull();
  });

  it("the validator catches what a consumer would reject", () => {
    expect(oembedProblems({ version: "1.0", type: "rich", html: "<div></div>", width: 0, height: 10, title: "t", provider_name: "p", provider_url: "u" })).toEqual(
      expect.arrayContaining(["html must be one iframe", "width must be a positive integer"]),
    );
  });
});
