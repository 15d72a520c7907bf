import { describe, expect, it } from "vitest";
import { locateQuote, quoteMismatch } from "./quote";

const BODY = "Alice Marie Johnson was 63.\nShe had served\n21 years.";
const QUOTE = "She had served 21 years.";
const AT = BODY.indexOf("She");

describe("quoteMismatch", () => {
  it("accepts the quote at its offsets, whatever the whitespace between its words", () => {
    expect(quoteMismatch(BODY, QUOTE, { quoteStart: AT, quoteEnd: BODY.length })).toBeNull();
  });

  it("names the field at fault: the end past the article, or a quote that is not the text there", () => {
    expect(quoteMismatch(BODY, QUOTE, { quoteStart: AT, quoteEnd: BODY.length + 1 })).toEqual({ field: "quoteEnd", message: `The article is only ${BODY.length} characters long` });
    expect(quoteMismatch(BODY, QUOTE, { quoteStart: 0, quoteEnd: 20 })).toMatchObject({ field: "quote" });
    expect(quoteMismatch(BODY, QUOTE, { quoteStart: AT, quoteEnd: AT })).toMatchObject({ field: "quote" });
  });
});

describe("locateQuote", () => {
  it("keeps offsets that point at the quote", () => {
    expect(locateQuote(BODY, QUOTE, { quoteStart: AT, quoteEnd: BODY.length })).toEqual({ quoteStart: AT, quoteEnd: BODY.length });
  });

  it("finds the quote again when the offsets are missing or wrong", () => {
    const quote = "was 63.";
    const at = BODY.indexOf(quote);
    expect(locateQuote(BODY, quote)).toEqual({ quoteStart: at, quoteEnd: at + quote.length });
    expect(locateQuote(BODY, quote, { quoteStart: 0, quoteEnd: 5 })).toEqual({ quoteStart: at, quoteEnd: at + quote.length });
  });

  it("never keeps offsets the server would refuse: an end past the article is found again", () => {
    // The new-claim page kept these (the slice stops at the end of the body, so it still read as the
    // quote), and submitting its form was then refused with "The article is only N characters long".
    const quote = "21 years.";
    const at = BODY.indexOf(quote);
    expect(locateQuote(BODY, quote, { quoteStart: at, quoteEnd: BODY.length + 4 })).toEqual({ quoteStart: at, quoteEnd: BODY.length });
  });

  it("is null when the quote is not in the article", () => {
    expect(locateQuote(BODY, "She was pardoned.")).toBeNull();
    expect(locateQuote(BODY, "")).toBeNull();
  });
});
