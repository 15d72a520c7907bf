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
 * Splits text into sentences with character offsets into the original string.
 * Blank lines always end a sentence; a single line break ends one unless the
 * line reads as hard-wrapped prose (no terminal punctuation and the next line
 * starts in lower case).
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  for (const [blockStart, blockEnd] of segmentsByLines(text)) {
    splitBlock(text, blockStart, blockEnd, spans);
  }
  return spans;
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

function splitBlock(text: string, blockStart: number, blockEnd: number, out: SentenceSpan[]): void {
  let sentenceStart = blockStart;
  let quoteDepth = 0;
  let quoteOpenedAt = -1;
  let straightQuoteOpen = false;

  for (let i = blockStart; i < blockEnd; i++) {
    const ch = text[i];
    if (OPEN_DOUBLE.includes(ch)) {
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
      if (straightQuoteOpen) quoteOpenedAt = i;
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

  const before = text.slice(sentenceStart, punctAt);
  const token = (before.match(/[\p{L}\p{N}.'’-]*$/u)?.[0] ?? "").replace(/^['’-]+/, "");
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

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function pushTrimmed(text: string, start: number, end: number, out: SentenceSpan[]): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) out.push({ text: text.slice(start, end), start, end });
}
