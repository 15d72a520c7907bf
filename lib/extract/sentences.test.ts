import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences";

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe("splitSentences", () => {
  it("returns offsets into the original text", () => {
    const text = "  First one.  Second one?\n\nThird!  ";
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text)).toEqual(["First one.", "Second one?", "Third!"]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("does not split after abbreviations and titles", () => {
    expect(texts("Mr. Smith met Mrs. Jones and Dr. Lee in Washington, D.C. on Jan. 5. Sen. Warren and Gov. Newsom were on St. Mark's Place.")).toEqual([
      "Mr. Smith met Mrs. Jones and Dr. Lee in Washington, D.C. on Jan. 5.",
      "Sen. Warren and Gov. Newsom were on St. Mark's Place.",
    ]);
  });

  it("splits after U.S. when a new sentence clearly begins", () => {
    expect(texts("The U.S. economy grew. He moved to the U.S. Then he left. The U.S. Senate voted.")).toEqual([
      "The U.S. economy grew.",
      "He moved to the U.S.",
      "Then he left.",
      "The U.S. Senate voted.",
    ]);
  });

  it("keeps single-letter initials inside names", () => {
    expect(texts("Alice M. Johnson was freed. J. R. R. Tolkien wrote it.")).toEqual([
      "Alice M. Johnson was freed.",
      "J. R. R. Tolkien wrote it.",
    ]);
  });

  it("keeps decimals, money and percentages intact", () => {
    expect(texts("The deal was worth $3.5 million. Prices rose 2.5% in 2018. It is No. 1 now.")).toEqual([
      "The deal was worth $3.5 million.",
      "Prices rose 2.5% in 2018.",
      "It is No. 1 now.",
    ]);
  });

  it("keeps the closing quote with its sentence", () => {
    expect(texts('He said "No. Never." Then left.')).toEqual(['He said "No. Never."', "Then left."]);
    expect(texts("“I was wrong. I made the biggest mistake of my life.” She wept.")).toEqual([
      "“I was wrong.",
      "I made the biggest mistake of my life.”",
      "She wept.",
    ]);
    expect(texts("He said, ‘Let’s do the pardon. Let’s hope she does well!’” Two days later it was done.")).toEqual([
      "He said, ‘Let’s do the pardon.",
      "Let’s hope she does well!’”",
      "Two days later it was done.",
    ]);
  });

  it("splits on ellipses before a capital but not before lower case", () => {
    expect(texts("Wait... What happened? I don’t know… Maybe nothing. It was... fine.")).toEqual([
      "Wait...",
      "What happened?",
      "I don’t know…",
      "Maybe nothing.",
      "It was... fine.",
    ]);
  });

  it("ends a sentence at a heading line and at blank lines", () => {
    expect(texts("Breaking News\nThe vote passed 52 to 48.\n\nA second paragraph without a stop\n\nLast line")).toEqual([
      "Breaking News",
      "The vote passed 52 to 48.",
      "A second paragraph without a stop",
      "Last line",
    ]);
  });

  it("joins hard-wrapped prose lines", () => {
    expect(texts("The committee voted on\nthe bill yesterday. It passed.")).toEqual([
      "The committee voted on\nthe bill yesterday.",
      "It passed.",
    ]);
  });

  it("handles empty and whitespace-only input", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences(" \n\n \t")).toEqual([]);
  });
});
