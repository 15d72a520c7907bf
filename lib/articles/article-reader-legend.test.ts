import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ArticleReader, legendBands } from "@/app/(desk)/articles/[id]/article-reader";
import type { ArticleCandidate } from "./candidates";

// The reader lives under app/, where Vitest does not look; its legend is tested from here.

function candidate(text: string, start: number, score: number): ArticleCandidate {
  return { text, start, end: start + text.length, score, boilerplate: false, conflicts: [], claims: [] } as unknown as ArticleCandidate;
}

/** The legend entries as rendered: "Strong ≥ 70%", "Likely 50–69%", ... */
function legendItems(defaultThreshold: number): string[] {
  const html = renderToStaticMarkup(createElement(ArticleReader, { articleId: 1, body: "", candidates: [], defaultThreshold }));
  const legend = html.match(/<ul aria-label="Legend"[\s\S]*?<\/ul>/)?.[0] ?? "";
  return [...legend.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1].replace(/<[^>]+>[^<]*<\/span>|<[^>]+>/g, "").replace(/\s+/g, " ").trim());
}

describe("score legend", () => {
  it("cuts the bands at the minimum score instead of printing an upside-down range", () => {
    const bands = (threshold: number) => legendItems(threshold).filter((item) => /^(Strong|Likely|Possible) /.test(item));
    expect(bands(0.6)).toEqual(["Strong ≥ 70%", "Likely 60–69%"]);
    expect(bands(0.3)).toEqual(["Strong ≥ 70%", "Likely 50–69%", "Possible 30–49%"]);
    expect(bands(0.85)).toEqual(["Strong ≥ 85%"]);
    expect(bands(0.49)).toEqual(["Strong ≥ 70%", "Likely 50–69%", "Possible 49%"]);
    expect(bands(0)).toEqual(["Strong ≥ 70%", "Likely 50–69%", "Possible 0–49%"]);
  });

  it("covers exactly the scores from the threshold up, without gaps or overlaps, at every slider position", () => {
    for (let threshold = 0; threshold <= 95; threshold++) {
      const ranges = legendBands(threshold).map((b) => {
        const [from, to] = b.range.match(/\d+/g)!.map(Number);
        return b.range.startsWith("≥") ? [from, 100] : [from, to ?? from];
      });
      const covered = ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i)).sort((a, b) => a - b);
      expect(covered, `threshold ${threshold}`).toEqual(Array.from({ length: 101 - threshold }, (_, i) => threshold + i));
    }
  });

  it("colours a sentence by the score it shows, so one shown as 70% is in the Strong band", () => {
    const body = "Johnson is 62. She served 21 years.";
    const html = renderToStaticMarkup(
      createElement(ArticleReader, { articleId: 1, body, candidates: [candidate("Johnson is 62.", 0, 0.696), candidate("She served 21 years.", 15, 0.55)], defaultThreshold: 0.5 }),
    );
    expect(html).toMatch(/<mark[^>]*title="Check-worthiness 70%"[^>]*class="[^"]*bg-amber-300\/90/);
    expect(html).toMatch(/<mark[^>]*title="Check-worthiness 55%"[^>]*class="[^"]*bg-amber-200 /);
  });
});
