/*
 * Where a citation's quote sits in an article: one rule for the server, which refuses a citation whose
 * offsets do not point at its quote, and for the forms that fill the offsets in for the reporter.
 */

// Whitespace differences (line wraps, CRLF, double spaces) do not make a quote a different quote.
export const normalizeWhitespace = (text: string): string => text.replace(/\s+/g, " ").trim();

export interface QuoteOffsets {
  quoteStart: number;
  quoteEnd: number;
}

/** Why `quote` is not the article text at [quoteStart, quoteEnd), keyed by the field at fault; null when it is. */
export function quoteMismatch(body: string, quote: string, { quoteStart, quoteEnd }: QuoteOffsets): { field: "quoteEnd" | "quote"; message: string } | null {
  if (quoteEnd > body.length) return { field: "quoteEnd", message: `The article is only ${body.length} characters long` };
  if (quoteStart >= quoteEnd || normalizeWhitespace(body.slice(quoteStart, quoteEnd)) !== normalizeWhitespace(quote)) {
    return { field: "quote", message: "The quote does not match the article text at these positions" };
  }
  return null;
}

/**
 * Offsets for `quote` in `body` that the server will accept: the given ones when they point at the
 * quote, else where the quote first occurs as is, else null (the quote is not in the article).
 */
export function locateQuote(body: string, quote: string, given: Partial<Record<keyof QuoteOffsets, number | null>> = {}): QuoteOffsets | null {
  const { quoteStart, quoteEnd } = given;
  if (quoteStart != null && quoteEnd != null && quoteMismatch(body, quote, { quoteStart, quoteEnd }) === null) return { quoteStart, quoteEnd };
  const found = quote === "" ? -1 : body.indexOf(quote);
  return found < 0 ? null : { quoteStart: found, quoteEnd: found + quote.length };
}
