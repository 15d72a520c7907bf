import { describe, expect, it } from "vitest";
import { isBoilerplate, markBoilerplate } from "./boilerplate";
import { splitSentences } from "./sentences";
import { corpusArticle, corpusAvailable, corpusDir } from "./test-corpus";

function flagged(text: string): { boilerplate: string[]; content: string[] } {
  const spans = splitSentences(text);
  const marks = markBoilerplate(text, spans);
  return {
    boilerplate: spans.filter((_, i) => marks[i]).map((s) => s.text),
    content: spans.filter((_, i) => !marks[i]).map((s) => s.text),
  };
}

describe("isBoilerplate", () => {
  it.each([
    "Republish this article",
    "Sign up for our newsletter to get the latest stories.",
    "View Comments",
    "Your browser does not support the video tag.",
    "Please enable JavaScript to view the comments.",
    "Photo: Reuters/Joshua Roberts",
    "By Jane Smith",
    "June 13, 2019",
    "Advertisement",
    "Read more",
    "Menu",
    "We use cookies to improve your experience.",
    "Skip to content",
    "Share on Facebook",
    "Donald Trump",
  ])("flags %j", (line) => {
    expect(isBoilerplate(line, { wholeLine: true })).toBe(true);
  });

  it.each([
    "Unemployment fell to 3.9 percent in 2018, the lowest rate since 2000.",
    "Shares of Apple fell 5% after the announcement.",
    "Search warrants were executed at three addresses on Tuesday.",
    "Johnson was sentenced in 1996 to life in prison.",
    "He pledged to donate $1 million to the campaign.",
    "The senator said the bill would cut taxes for 90 percent of families.",
  ])("keeps %j", (sentence) => {
    expect(isBoilerplate(sentence)).toBe(false);
  });

  it("flags the headline, title-case headings and photo captions, not body sentences", () => {
    const text = [
      "Council Approves Budget After Long Night",
      "The council approved the budget on Monday by a vote of 7 to 2.",
      "Where The Money Goes",
      "Mayor Jane Doe (L) and council member John Roe speak after the vote.",
      "Residents line up outside City Hall in Springfield, Ill., March 3, 2024.",
      "The plan takes effect on March 3, 2024, in Springfield.",
    ].join("\n\n");
    const { boilerplate, content } = flagged(text);
    expect(boilerplate).toEqual([
      "Council Approves Budget After Long Night",
      "Where The Money Goes",
      "Mayor Jane Doe (L) and council member John Roe speak after the vote.",
      "Residents line up outside City Hall in Springfield, Ill., March 3, 2024.",
    ]);
    expect(content).toEqual([
      "The council approved the budget on Monday by a vote of 7 to 2.",
      "The plan takes effect on March 3, 2024, in Springfield.",
    ]);
  });

  it("does not take a lone unpunctuated line for a headline", () => {
    expect(flagged("The council approved 12 new schools on Monday").boilerplate).toEqual([]);
  });

  it("flags everything after an end-of-article marker late in the page", () => {
    const text = [
      "The council approved the budget on Monday by a vote of 7 to 2.",
      "The plan raises spending on parks by 12 percent.",
      "Officials said construction would start in March.",
      "Contact Jane Doe at jdoe@example.com",
      "Now more than ever, readers need independent news they can trust.",
    ].join("\n\n");
    const { boilerplate } = flagged(text);
    expect(boilerplate).toEqual([
      "Contact Jane Doe at jdoe@example.com",
      "Now more than ever, readers need independent news they can trust.",
    ]);
  });
});

// The sample corpus lives beside the repo; without it these tests are skipped, and say so.
if (!corpusAvailable) console.warn(`skipping the boilerplate tests on the sample corpus: ${corpusDir} not found`);
const corpusMissing = corpusAvailable ? "" : ` (skipped: ${corpusDir} not found)`;

describe.skipIf(!corpusAvailable)(`boilerplate in the sample corpus (${corpusDir})${corpusMissing}`, () => {
  it("flags the leftovers of article 000 and keeps its sentences", () => {
    const { boilerplate, content } = flagged(corpusArticle("000"));
    expect(boilerplate).toEqual([
      "Kushner Is Pushing Trump To Pardon More People – And Sessions Hates It",
      "Donald Trump",
      "Banner / Thumbnail : Reuters, Joshua Roberts",
      "View Comments",
      "Recommended For You",
    ]);
    expect(content).toHaveLength(15);
  });

  it("flags the page title, the headline it repeats and the photo name tag of article 001", () => {
    const { boilerplate, content } = flagged(corpusArticle("001"));
    expect(boilerplate).toEqual([
      "Why is Kim Kardashian calling Jared Kushner?",
      "We explain – Metro US",
      "Why is Kim Kardashian calling Jared Kushner?",
      "We explain",
      "Kim Kardashian",
    ]);
    expect(content).toContain("In 1997, Johnson was convicted for her role in a multimillion-dollar cocaine ring.");
  });

  it("keeps every sentence of articles 002 and 003 apart from photo captions and a one-word exclamation", () => {
    const captions = flagged(corpusArticle("002")).boilerplate;
    expect(captions).toHaveLength(2);
    expect(captions[0]).toMatch(/^Kim Kardashian\(C\), Ivanka Trump\(R\) and Jared Kushner applaud/);
    expect(captions[1]).toMatch(/^Kim Kardashian speaks alongside US President Donald Trump .* June 13, 2019\.$/);
    expect(flagged(corpusArticle("003")).boilerplate).toEqual(["Wow!"]);
  });

  it("flags navigation, the donation appeal, republishing rules and browser warnings of article 004", () => {
    const { boilerplate, content } = flagged(corpusArticle("004"));
    for (const line of [
      "Skip To Content",
      "Fast Forward",
      "I hope you appreciated this article.",
      "Make a gift of any size and become a Forward member today.",
      "— Rachel Fishman Feddersen, Publisher and CEO",
      "Republish This Story",
      "Please read before republishing",
      "We don't support Internet Explorer",
      "Please use Chrome, Safari, Firefox, or Edge to view this site.",
    ]) {
      expect(boilerplate).toContain(line);
    }
    expect(boilerplate.some((b) => b.startsWith("Contact Haley Cohen at"))).toBe(true);
    expect(boilerplate).toContain("Kim Kardashian Meets With Jared Kushner At White House To Talk Prison Reform");
    expect(content[0]).toMatch(/^Following months of talks, Kim Kardashian West visited the White House/);
    expect(content.at(-1)).toMatch(/^Trump has extended a presidential pardon in only a few cases/);
    expect(content).toHaveLength(11);
  });
});

describe("markBoilerplate on long texts", () => {
  it("reads a 400,000-character text without line breaks in linear time (it took 20 s)", () => {
    let text = "";
    for (let i = 0; text.length < 400_000; i++) text += `Officials in Harbour City said the ferry carried ${i} passengers at noon across the bay on Tuesday. `;
    const spans = splitSentences(text);
    const started = performance.now();
    const marks = markBoilerplate(text, spans);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(marks).toHaveLength(spans.length);
    expect(marks.every((mark) => !mark)).toBe(true);
  });
});
