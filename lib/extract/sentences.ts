export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

// Abbreviations that are almost never the end of a sentence (they precede a name or number).
const NEVER_FINAL = new Set([
  "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cmdr",
  "adm", "maj", "pres", "rev", "hon", "st", "mt", "ft", "vol", "pp", "fig",
  "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
  "e.g", "i.e", "cf", "vs", "approx", "dept", "ave", "blvd", "sr",
]);

// "No. 5" and "Nos. 3 and 4" — but "He said no. Then ..." is a sentence end.
const BEFORE_NUMBER = new Set(["no", "nos", "op", "art"]);

// Abbreviations that can end a sentence ("... moved to the U.S. Then ..."): only split
// when the next word is a typical sentence opener.
const SOMETIMES_FINAL = new Set([
  "u.s", "u.k", "u.n", "d.c", "e.u", "l.a", "n.y", "a.m", "p.m", "etc", "inc", "co", "corp",
  "ltd", "jr", "bros", "al", "u.s.a", "ph.d",
]);

const SENTENCE_OPENERS = new Set([
  "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "or", "so", "then",
  "this", "that", "these", "those", "there", "in", "on", "at", "after", "before", "when", "while",
  "his", "her", "their", "its", "our", "my", "if", "as", "since", "however", "meanwhile", "still",
  "yet", "now", "today", "last", "next", "some", "many", "most", "one", "two", "three", "what",
  "why", "how", "who", "where", "for", "to", "with", "by", "from", "according",
]);

const TERMINALS = ".!?…";
const CLOSERS = "\"'”’»)]";
const OPENERS = "\"'“‘«([";
const OPEN_DOUBLE = "“«";
const CLOSE_DOUBLE = "”»";

/**
 * Splits text into sentences as a reader sees them, with character offsets into
 * the original string (text.slice(start, end) === text, always).
 * Blank lines always end a sentence; a single line break ends one unless the
 * line reads as hard-wrapped prose (no terminal punctuation and the next line
 * starts in lower case). A sentence ending in a colon is one span with what it
 * introduces: the whole quotation when one follows (within the quotation's
 * paragraph), otherwise the next sentence. A bare attribution after a closing
 * quote ("Kushner writes.") stays with the quotation it attributes.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const { spans, blocks } = splitGrammatical(text, true);
  return mergeAsRead(text, spans, blocks);
}

/**
 * The grammatical sentences of a span that introduces a quotation with a colon (its introduction
 * and each sentence of the quotation); any other text is one piece. The model scores such a span
 * as the mean of its pieces, so a long quotation is judged sentence by sentence, as it was trained.
 */
export function quotationPieces(text: string): string[] {
  if (!/:\s*(\n|["“‘'«])/.test(text)) return [text];
  const pieces = splitGrammatical(text, false).spans.map((s) => s.text);
  return pieces.length > 0 ? pieces : [text];
}

function splitGrammatical(text: string, keepColonQuotes: boolean): { spans: SentenceSpan[]; blocks: number[] } {
  const spans: SentenceSpan[] = [];
  const blocks: number[] = [];
  for (const [blockStart, blockEnd] of segmentsByLines(text)) {
    const before = spans.length;
    splitBlock(text, blockStart, blockEnd, spans, keepColonQuotes);
    for (let i = before; i < spans.length; i++) blocks.push(blockEnd);
  }
  return { spans, blocks };
}

const QUOTE_CLOSER: Record<string, string> = { "“": "”", "«": "»", '"': '"', "‘": "’", "'": "'" };

// "Kushner writes.", "he told reporters on Tuesday.", "said Jane Doe, a spokeswoman."
const ATTRIBUTION =
  /^(?:(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}|(?:he|she|they|it|we|i)\s+)(?:\p{Ll}+ly\s+)?(?:said|says|say|wrote|writes|write|told|tells|added|adds|explained|explains|recalled|recalls|continued|continues|noted|notes|insisted|insists|argued|argues|claimed|claims|tweeted|posted|replied|replies|asked|asks|remembered|remembers)\b[^.!?]{0,60}[.!?]$/u;
const ATTRIBUTION_VERB_FIRST = /^(?:said|says|wrote|writes|added|adds)\s+\p{Lu}[^.!?]{0,60}[.!?]$/u;
const ENDS_WITH_QUOTE = /["”’'»]\s*$/u;

function isBareAttribution(sentence: string): boolean {
  return wordCount(sentence) <= 10 && (ATTRIBUTION.test(sentence) || ATTRIBUTION_VERB_FIRST.test(sentence));
}

/** Joins the spans a reader takes as one: colon introductions with their quotation, attributions with their quote. */
function mergeAsRead(text: string, spans: SentenceSpan[], blockEnds: number[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const join = (a: SentenceSpan, endSpan: SentenceSpan): SentenceSpan => ({
    text: text.slice(a.start, endSpan.end),
    start: a.start,
    end: endSpan.end,
  });
  for (let i = 0; i < spans.length; i++) {
    let span = spans[i];
    if (span.text.endsWith(":") && i + 1 < spans.length) {
      const next = spans[i + 1];
      const opener = next.text[0];
      const closer = QUOTE_CLOSER[opener];
      let last = i + 1;
      if (closer !== undefined) {
        // The quotation runs to the span holding its closing mark, at most to the end of its paragraph.
        const blockEnd = blockEnds[i + 1];
        while (!quotationClosedIn(spans[last].text, last === i + 1, opener, closer) && last + 1 < spans.length && blockEnds[last + 1] === blockEnd) {
          last++;
        }
      }
      span = join(span, spans[last]);
      i = last;
    }
    const previous = out[out.length - 1];
    if (previous && ENDS_WITH_QUOTE.test(previous.text) && isBareAttribution(span.text) && !text.slice(previous.end, span.start).includes("\n")) {
      out[out.length - 1] = join(previous, span);
      continue;
    }
    out.push(span);
  }
  return out;
}

function quotationClosedIn(sentence: string, opensHere: boolean, opener: string, closer: string): boolean {
  const body = opensHere ? sentence.slice(1) : sentence;
  if (opener === closer) {
    // Straight quotes: closed when the marks pair up; a single quote also serves as apostrophe, so only at the end.
    if (opener === "'") return /'["”]?\s*$/.test(body);
    return (body.split(opener).length - 1) % 2 === 1;
  }
  if (closer === "’") return /’["”]?\s*$/.test(body);
  return body.includes(closer);
}

/** Yields [start, end) ranges of runs of lines that belong together. */
function segmentsByLines(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const lineRe = /[^\n]*(\n|$)/g;
  let segStart = -1;
  let segEnd = -1;
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(text)) !== null) {
    const lineStart = m.index;
    const lineEnd = m.index + m[0].length - (m[1] ? 1 : 0);
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === "") {
      if (segStart >= 0) ranges.push([segStart, segEnd]);
      segStart = -1;
    } else if (segStart < 0) {
      segStart = lineStart;
      segEnd = lineEnd;
    } else {
      const previous = text.slice(segStart, segEnd).trimEnd();
      if (continuesOnNextLine(previous, line.trimStart())) {
        segEnd = lineEnd;
      } else {
        ranges.push([segStart, segEnd]);
        segStart = lineStart;
        segEnd = lineEnd;
      }
    }
    if (m[0].length === 0 || !m[1]) break;
  }
  if (segStart >= 0) ranges.push([segStart, segEnd]);
  return ranges;
}

function continuesOnNextLine(previous: string, nextLine: string): boolean {
  const last = previous.slice(-1);
  if (TERMINALS.includes(last) || CLOSERS.includes(last) || last === ":") return false;
  return /^[a-z]/.test(nextLine);
}

function splitBlock(text: string, blockStart: number, blockEnd: number, out: SentenceSpan[], keepColonQuotes: boolean): void {
  let sentenceStart = blockStart;
  let quoteDepth = 0;
  let quoteOpenedAt = -1;
  let straightQuoteOpen = false;
  // A quotation introduced by a colon ("He wrote: “...”") is read as one sentence with its introduction.
  let colonQuote = false;

  for (let i = blockStart; i < blockEnd; i++) {
    const ch = text[i];
    if (OPEN_DOUBLE.includes(ch)) {
      if (quoteDepth === 0) colonQuote = afterColon(text, i, sentenceStart);
      quoteDepth++;
      quoteOpenedAt = i;
      continue;
    }
    if (CLOSE_DOUBLE.includes(ch)) {
      quoteDepth = Math.max(0, quoteDepth - 1);
      continue;
    }
    if (ch === '"') {
      straightQuoteOpen = !straightQuoteOpen;
      if (straightQuoteOpen) {
        quoteOpenedAt = i;
        if (quoteDepth === 0) colonQuote = afterColon(text, i, sentenceStart);
      }
      continue;
    }
    if (!TERMINALS.includes(ch)) continue;

    let j = i;
    while (j < blockEnd && TERMINALS.includes(text[j])) j++;
    let k = j;
    let closesQuote = false;
    while (k < blockEnd && CLOSERS.includes(text[k])) {
      if (CLOSE_DOUBLE.includes(text[k])) {
        quoteDepth = Math.max(0, quoteDepth - 1);
        closesQuote = true;
      } else if (text[k] === '"') {
        straightQuoteOpen = false;
        closesQuote = true;
      }
      k++;
    }
    // k is the end of the candidate sentence; require whitespace and a plausible opener after it.
    if (k < blockEnd && !/\s/.test(text[k])) {
      i = k - 1;
      continue;
    }
    let n = k;
    while (n < blockEnd && /\s/.test(text[n])) n++;
    if (n >= blockEnd) {
      i = k - 1;
      continue;
    }
    if (!isBoundary(text, sentenceStart, i, j, n, blockEnd)) {
      i = k - 1;
      continue;
    }
    const insideQuote = !closesQuote && (quoteDepth > 0 || straightQuoteOpen);
    if (insideQuote && colonQuote && keepColonQuotes) {
      i = k - 1;
      continue;
    }
    if (insideQuote && wordCount(text.slice(Math.max(quoteOpenedAt, sentenceStart), i)) < 3) {
      // "No. Never." — splitting a very short quoted fragment leaves a dangling quote mark.
      i = k - 1;
      continue;
    }
    pushTrimmed(text, sentenceStart, k, out);
    sentenceStart = n;
    i = n - 1;
  }
  pushTrimmed(text, sentenceStart, blockEnd, out);
}

function isBoundary(
  text: string,
  sentenceStart: number,
  punctAt: number,
  punctEnd: number,
  nextAt: number,
  blockEnd: number,
): boolean {
  let s = nextAt;
  while (s < blockEnd && OPENERS.includes(text[s])) s++;
  const nextChar = text[s] ?? "";
  if (!/[\p{Lu}\p{N}$£€]/u.test(nextChar)) return false;

  const punct = text.slice(punctAt, punctEnd);
  if (punct !== ".") return true; // ?, !, ellipsis followed by a capital

  // The word before the stop, found by scanning back (a `$`-anchored regex over the sentence is quadratic).
  let t = punctAt;
  while (t > sentenceStart && TOKEN_CHAR.test(text[t - 1])) t--;
  const token = text.slice(t, punctAt).replace(/^['’-]+/, "");
  const lower = token.toLowerCase();
  if (token.length === 1 && /\p{Lu}/u.test(token)) return false; // initial: "Alice M. Johnson"
  if (NEVER_FINAL.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower) && /\p{N}/u.test(nextChar)) return false;
  if (SOMETIMES_FINAL.has(lower) || /^(\p{L}\.)+\p{L}$/u.test(token)) {
    const nextWord = (text.slice(s).match(/^[\p{L}]+/u)?.[0] ?? "").toLowerCase();
    return SENTENCE_OPENERS.has(nextWord);
  }
  return true;
}

const TOKEN_CHAR = /[\p{L}\p{N}.'’-]/u;

function afterColon(text: string, quoteAt: number, sentenceStart: number): boolean {
  let p = quoteAt - 1;
  while (p >= sentenceStart && (text[p] === " " || text[p] === "\t")) p--;
  return p >= sentenceStart && text[p] === ":";
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function pushTrimmed(text: string, start: number, end: number, out: SentenceSpan[]): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) out.push({ text: text.slice(start, end), start, end });
}
