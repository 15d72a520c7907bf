import { expect, it } from "vitest";
import { onEveryEngine } from "@/lib/testing/engines";
import { publishSummary, withdrawSummary } from "./publish";
import { createPublishDeskOn, unwrap } from "./test-helpers";
import { withdrawnAnswer } from "./withdrawn-answer";

onEveryEngine("the 410 of a withdrawn summary", (database) => {
  it("answers the page and its embeds with the notice once withdrawn, and leaves everything else alone", async () => {
    const desk = await createPublishDeskOn(database());
    await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
    const { summary } = unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "Her sentence, checked", introduction: "What the record says." }));
    expect(await withdrawnAnswer(`/summaries/${summary.slug}`, desk.db)).toBeNull();
    unwrap(await withdrawSummary(desk.db, desk.editorA, desk.articleId, { reason: "The court record was misread <b>badly</b>." }));

    const gone = (await withdrawnAnswer(`/summaries/${summary.slug}`, desk.db))!;
    expect(gone.status).toBe(410);
    expect(gone.headers.get("cache-control")).toMatch(/s-maxage=\d+/);
    const html = await gone.text();
    expect(html).toContain("This fact-check was withdrawn on");
    expect(html).toContain("The court record was misread &lt;b&gt;badly&lt;/b&gt;.");
    expect(html).toContain(`/summaries/${summary.slug}/v/1`);
    expect(html).toContain('<link rel="canonical"');
    const embed = (await withdrawnAnswer(`/summaries/${summary.slug}/embed/claim/3`, desk.db))!;
    expect(embed.status).toBe(410);
    expect(await embed.text()).toContain('target="_blank"');
    for (const path of [`/summaries/${summary.slug}/v/1`, `/summaries/${summary.slug}/summary.json`, "/summaries", "/summaries/no-such-one", "/queue"]) {
      expect(await withdrawnAnswer(path, desk.db), path).toBeNull();
    }
  });
});
