import fc from "fast-check";
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

  it("keeps a colon introduction with the quotation it introduces, across the paragraph break", () => {
    const text = [
      "The KUWTK alum’s presence worked, too. Just 48 hours later, Kushner received the go-ahead from Trump:",
      "“Two days later, [Trump] called me early and said, ‘Let’s do the pardon. Let’s hope Alice does well!’”",
      "Jeez, Trump…",
    ].join("\n\n");
    expect(texts(text)).toEqual([
      "The KUWTK alum’s presence worked, too.",
      "Just 48 hours later, Kushner received the go-ahead from Trump:\n\n“Two days later, [Trump] called me early and said, ‘Let’s do the pardon. Let’s hope Alice does well!’”",
      "Jeez, Trump…",
    ]);
  });

  it("reads a quotation after a colon on the same line as one sentence", () => {
    expect(texts("He wrote: “She presented the case. She knew the details.” Then he left.")).toEqual([
      "He wrote: “She presented the case. She knew the details.”",
      "Then he left.",
    ]);
  });

  it("ends a colon quotation at its closing mark or at the end of its paragraph", () => {
    expect(texts("He wrote:\n\n“It was done. It was right.” The rest followed.\n\nNext paragraph.")).toEqual([
      "He wrote:\n\n“It was done. It was right.”",
      "The rest followed.",
      "Next paragraph.",
    ]);
    expect(texts("He wrote:\n\n“It was done. It was never closed\n\nNext paragraph.")).toEqual([
      "He wrote:\n\n“It was done. It was never closed",
      "Next paragraph.",
    ]);
  });

  it("keeps a colon introduction with the next sentence when no quotation follows", () => {
    expect(texts("The finding was stark:\n\nThe state spent $4 billion. Nobody noticed.")).toEqual([
      "The finding was stark:\n\nThe state spent $4 billion.",
      "Nobody noticed.",
    ]);
  });

  it("keeps a bare attribution with the quote it attributes", () => {
    expect(texts("“She knew the details backward and forward.” Kushner writes. The pardon came later.")).toEqual([
      "“She knew the details backward and forward.” Kushner writes.",
      "The pardon came later.",
    ]);
    expect(texts("“We will appeal.” She told reporters on Tuesday. “It is not over.”")).toEqual([
      "“We will appeal.” She told reporters on Tuesday.",
      "“It is not over.”",
    ]);
    // A sentence with its own claim after a quote is not an attribution.
    expect(texts("“We will appeal.” The court ruled against her in 2019.")).toEqual([
      "“We will appeal.”",
      "The court ruled against her in 2019.",
    ]);
  });

  it("keeps offsets exact and covers every visible character exactly once (property)", () => {
    const piece = fc.constantFrom(
      "He wrote:", "“", "”", "\"", "‘", "’", ":", ". ", "? ", "! ", "\n", "\n\n", " ", "Mr.", "U.S.", "The vote", "passed 52",
      "Kushner writes.", "she said.", "Two days later", "…", "$3.5", "Jan. 5", "[Trump]", "a", "B", "(C)", "\t",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const spans = splitSentences(text);
        let previousEnd = 0;
        const covered = new Array<boolean>(text.length).fill(false);
        for (const s of spans) {
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.start).toBeGreaterThanOrEqual(previousEnd);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.text).toBe(s.text.trim());
          for (let i = s.start; i < s.end; i++) covered[i] = true;
          previousEnd = s.end;
        }
        for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i])) expect(covered[i]).toBe(true);
      }),
      { numRuns: 500, seed: 14 },
    );
  });
});
