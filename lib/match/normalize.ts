/*
 * What real posts carry, taken off before a claim is matched (issue #13): links (t.co, pic.twitter.com,
 * bare domains), a trailing "— Name (@handle) January 6, 2020" signature, @handles and #hashtags (their
 * camel-cased words kept: #BernieSanders → "Bernie Sanders"), and numbers written differently
 * ("1,000", "1k", "one thousand", "70 per cent" / "70%" all read the same).
 */

const SIGNATURE = /\s*[—–―-]{1,2}\s*[^—–―\n]{0,100}?\(@\w{1,30}\)\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})?\s*$/u;
const URL = /\b(?:https?:\/\/|www\.)\S+|\bpic\.twitter\.com\/\w+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co|ly|io|be|me|uk|us|news)\/\S*/giu;
const TAG = /[#@]([\p{L}\p{N}_]+)/gu;

/** Splits a handle or hashtag into its words: "BernieSanders" → "Bernie Sanders", "covid_19" → "covid 19". */
export function splitTag(tag: string): string {
  return tag
    .replace(/_/g, " ")
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2")
    .trim();
}

const SMALL_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
const MULTIPLIERS: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, millions: 1e6, b: 1e9, bn: 1e9, billion: 1e9, billions: 1e9, trillion: 1e12, t: 1e12,
};
const NUMBER = /(?<![\p{L}\p{N}])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen)(?:\s*(k|thousand|mn|m|million|millions|bn|b|billion|billions|trillion|t)\b)?(?![\p{L}\p{N}])/giu;

/** Canonical numbers: "1,500", "1.5k", "1.5 thousand" → "1500"; "fifty" → "50". Years stay as they are. */
export function canonicalNumbers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const word = m[1].toLowerCase();
    let value = word in SMALL_NUMBERS ? SMALL_NUMBERS[word] : Number(word.replace(/,/g, ""));
    if (!Number.isFinite(value)) continue;
    const unit = m[2]?.toLowerCase();
    // A bare "m"/"b"/"t"/"k" only multiplies when glued to a digit ("5m", "2bn"); "one m" is no number.
    if (unit && (unit.length > 2 || /\d$/.test(m[0].slice(0, m[0].length - unit.length)))) value *= MULTIPLIERS[unit];
    found.push(String(Math.round(value * 1000) / 1000));
  }
  return found;
}

/**
 * The claim as its words: links, the signature and the @/# marks removed, numbers written one way.
 * The result is what the full-text index and the features read.
 */
export function normalizeClaimText(raw: string): string {
  let text = raw.normalize("NFKC").replace(/\s+/g, " ").trim();
  // pic.twitter.com is often glued to the word before it ("#IranUsapic.twitter.com/x").
  text = text.replace(/pic\.twitter\.com\/\w+/giu, " ");
  text = text.replace(SIGNATURE, "");
  text = text.replace(URL, " ");
  text = text.replace(TAG, (_, tag: string) => ` ${splitTag(tag)} `);
  text = text
    .replace(/(\d),(\d{3})\b/g, "$1$2")
    .replace(/(\d),(\d{3})\b/g, "$1$2")
    .replace(/(\d)\s*%/g, "$1 percent")
    .replace(/\bper\s+cent\b/giu, "percent")
    .replace(/[“”„]/g, '"')
    .replace(/[‘’]/g, "'");
  return text.replace(/\s+/g, " ").trim();
}

// Words too common to find anything by; BM25 would weigh them near zero anyway, and leaving them out of
// the OR query keeps the candidate set (and the time) small on a 100k archive.
export const STOPWORDS = new Set(
  (
    "a an and are as at be been being but by can could did do does doing for from had has have having he her hers him his how i if in into is it its " +
    "just me my no nor not of off on once only or our ours out over own s same she should so some such t than that the their theirs them then there " +
    "these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours " +
    "rt via amp im dont its thats about all also any because before after again against more most other"
  ).split(" "),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased word tokens of a normalised text (apostrophe forms kept whole: "didn't"). */
export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/['’]s$/, "").replace(/['’]/g, ""));
}

/** The distinct content words, in order of first appearance. */
export function contentWords(text: string): string[] {
  const seen = new Set<string>();
  for (const w of words(text)) if (!STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w))) seen.add(w);
  return [...seen];
}

/** At most this many content words of a claim are searched for. */
export const MAX_QUERY_TERMS = 32;

/** An FTS5 query OR-ing every content word, each quoted so no word is read as FTS5 syntax; null when none. */
export function ftsOrQuery(terms: readonly string[], maxTerms = MAX_QUERY_TERMS): string | null {
  const picked = terms.slice(0, maxTerms);
  if (picked.length === 0) return null;
  return picked.map((t) => `"${t.replace(/"/g, '""')}"`).join(" OR ");
}
