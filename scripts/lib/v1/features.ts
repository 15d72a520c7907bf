/**
 * Feature extraction shared by training (scripts/train-checkworthiness.ts) and
 * inference (model.ts), so the two can never drift apart. Changing anything here
 * changes what the weights mean: bump FEATURE_VERSION and retrain.
 */

export const FEATURE_VERSION = 2;

export interface SentenceContext {
  previous?: string;
  next?: string;
  /**
   * Training only: the sentence comes from a debate transcript whose labels mark the few
   * lines fact-checkers picked, a much sparser standard than "is a check-worthy factual
   * claim". The flag soaks up that difference in base rate; inference leaves it unset.
   */
  fromTranscript?: boolean;
}

export interface SparseVector {
  indices: number[];
  values: number[];
}

const MONTHS =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

const RE = {
  number: /(?<![\p{L}])[-+]?\$?\d[\d,]*(\.\d+)?(?![\p{L}])/gu,
  percent: /\d(\.\d+)?\s?(%|percent\b|per cent\b|percentage points?\b)/i,
  money: /[$£€]\s?\d|\b\d[\d,.]*\s?(dollars|cents|euros|pounds)\b/i,
  year: /\b(1[89]\d\d|20\d\d)s?\b/,
  date: new RegExp(`\\b(${MONTHS})\\.?\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+(${MONTHS})\\b|\\b(last|this|next) (year|month|week|decade|century)\\b|\\b(yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b`, "i"),
  magnitude: /\b(hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|twice|double[sd]?|triple[sd]?|quadrupled?)\b/i,
  spelledNumber: /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/i,
  unit: /\b\d[\d,.]*\s?(million|billion|trillion|thousand|jobs|people|years?|months?|days?|hours?|times|votes?|dollars|miles|tons?|barrels|troops|deaths|cases|points|acres|students|workers|americans)\b/i,
  attribution: /\b(said|says|say|told|tells|according to|reported|reports|announced|stated|claimed|claims|testified|wrote|writes|tweeted|confirmed|revealed|admitted|acknowledged|estimated|found that|shows? that|showed)\b/i,
  comparison: /\b(more than|less than|fewer than|greater than|higher than|lower than|as (much|many) as|compared (to|with)|than|largest|biggest|highest|lowest|smallest|fastest|slowest|worst|best|most|least|record|first time|ever|since|top|bottom|rank(ed|s)?|majority|minority)\b/i,
  change: /\b(increased?|increases|increasing|decreased?|decreases|rose|rise[sn]?|risen|fell|falls?|fallen|grew|grow(n|s)?|growth|drop(ped|s)?|decline[sd]?|cut(s|ting)?|doubled|tripled|halved|surged?|plunged?|soared?|jumped|lost|gained|added|created|raised|lowered|reduced|spent|spending|paid|pays|owe[sd]?|cost(s)?|tax(es)?|budget|deficit|debt)\b/i,
  official: /\b(pardon(ed|s)?|commut(ed|ation)|sentenced|convicted|indicted|charged|arrested|acquitted|impeached|sued|signed|vetoed|voted|votes?|passed|enacted|repealed|ratified|approved|rejected|banned|ruled|appointed|nominated|elected|resigned|fired|deported|executed|released|jailed|imprisoned|law|bill|act|treaty|court|supreme|congress|senate|federal|tariffs?|regulations?)\b/i,
  firstPersonOpinion: /^(and |but |so |well,? |now,? )?(i|we)( really| just| strongly)? (think|believe|feel|hope|want|wish|guess|know|love|like|am going to|'m going to|will|would|must|need|should|can)\b|^(i|we)('m| am| are|'re) (not )?(going|glad|proud|honored|thrilled|happy|sure|confident)\b/i,
  modal: /\b(will|would|should|could|might|must|shall|going to|gonna|want to|wants to|wanna|need to|needs to|let's|let us)\b/i,
  firstPerson: /\b(i|me|my|mine|myself|i'm|i've|i'd|i'll)\b/gi,
  secondPerson: /\b(you|your|yours|you're|you've)\b/gi,
  courtesy: /\b(thank(s| you)|applause|laughter|welcome|good (evening|morning|night)|congratulations|ladies and gentlemen|god bless|please|okay|ok|yeah|yes|no|sorry|excuse me|(crosstalk)|bell rings|i'm sorry)\b/i,
  question: /\?\s*["'”’)]*$/,
  exclamation: /!/,
  quoted: /["“”]/,
  existential: /\b(there (is|are|was|were|have been|has been)|(is|are|was|were) (now|still)? ?(the|a|an) (only|largest|first|number))\b/i,
  negation: /\b(not|never|no|nobody|nothing|none|n't)\b/i,
  pastTense: /\b\p{L}{3,}ed\b/giu,
  capitalised: /(?<=[\p{L}\p{N},;:'’"“”)] )(\p{Lu}[\p{L}'’.-]*)(\s+\p{Lu}[\p{L}'’.-]*)*/gu,
  acronym: /\b[A-Z]{2,}s?\b/,
  hedge: /\b(maybe|perhaps|probably|possibly|i think|i believe|seems?|appears?|likely|allegedly|reportedly)\b/i,
  pronounSubject: /^(it|this|that|these|those|they|he|she)\b/i,
};

function count(re: RegExp, s: string): number {
  re.lastIndex = 0;
  return s.match(re)?.length ?? 0;
}

function wordsOf(s: string): string[] {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** Dense, interpretable features of one sentence; order matters (it is the weight order). */
function denseOf(sentence: string): number[] {
  const s = sentence.trim();
  const n = wordsOf(s).length;
  const numbers = count(RE.number, s);
  const caps = count(RE.capitalised, s);
  const firstPersonCount = count(RE.firstPerson, s);
  const secondPersonCount = count(RE.secondPerson, s);
  const b = (re: RegExp) => (re.test(s) ? 1 : 0);
  return [
    numbers > 0 ? 1 : 0,
    Math.log1p(numbers),
    b(RE.percent),
    b(RE.money),
    b(RE.year),
    b(RE.date),
    b(RE.magnitude),
    b(RE.spelledNumber),
    b(RE.unit),
    b(RE.attribution),
    b(RE.comparison),
    b(RE.change),
    b(RE.official),
    b(RE.firstPersonOpinion),
    b(RE.modal),
    Math.min(firstPersonCount, 4) / 4,
    Math.min(secondPersonCount, 4) / 4,
    b(RE.courtesy),
    b(RE.question),
    b(RE.exclamation),
    b(RE.quoted),
    b(RE.existential),
    b(RE.negation),
    Math.min(count(RE.pastTense, s), 5) / 5,
    caps > 0 ? 1 : 0,
    Math.log1p(caps),
    b(RE.acronym),
    b(RE.hedge),
    b(RE.pronounSubject),
    Math.log1p(n) / 4,
    n < 6 ? 1 : 0,
    n > 35 ? 1 : 0,
  ];
}

export const DENSE_NAMES = [
  "has_number", "log_numbers", "percent", "money", "year", "date", "magnitude", "spelled_number",
  "quantity_unit", "attribution", "comparison", "change_verb", "official_action",
  "first_person_opinion", "modal", "first_person", "second_person", "courtesy", "question",
  "exclamation", "quoted", "existential", "negation", "past_tense", "has_proper_noun",
  "log_proper_nouns", "acronym", "hedge", "pronoun_subject", "log_length", "short", "long",
] as const;

// Features of the neighbours that carry over: is this part of a stretch of figures, or of chit-chat?
const CONTEXT_NAMES = ["has_number", "year", "quantity_unit", "courtesy", "question", "first_person_opinion", "short"] as const;
const CONTEXT_INDEX = CONTEXT_NAMES.map((name) => DENSE_NAMES.indexOf(name));

export function featureNames(): string[] {
  return [
    ...DENSE_NAMES,
    ...CONTEXT_NAMES.map((n) => `prev_${n}`),
    ...CONTEXT_NAMES.map((n) => `next_${n}`),
    "from_transcript",
  ];
}

function contextDense(neighbour: string | undefined): number[] {
  if (neighbour === undefined) return CONTEXT_INDEX.map(() => 0);
  const dense = denseOf(neighbour);
  return CONTEXT_INDEX.map((i) => dense[i]);
}

/** Lower-cased word tokens with numbers replaced by their kind, so "$3.5" and "$12" look alike. */
export function tokenize(sentence: string): string[] {
  const normalised = sentence
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[$£€]\s?\d[\d,]*(\.\d+)?/g, " _money_ ")
    .replace(/\b\d[\d,]*(\.\d+)?\s?(%|percent\b)/g, " _pct_ ")
    .replace(/\b(1[89]\d\d|20\d\d)s?\b/g, " _year_ ")
    .replace(/\b\d+(st|nd|rd|th)\b/g, " _ord_ ")
    .replace(/\d[\d,]*(\.\d+)?/g, " _num_ ");
  return normalised.match(/_[a-z]+_|[\p{L}]+(?:'[\p{L}]+)?/gu) ?? [];
}

// FNV-1a: stable across platforms and runs, unlike any built-in hash.
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface FeatureSpace {
  hashBits: number;
}

export function denseOffset(space: FeatureSpace): number {
  return 1 << space.hashBits;
}

export function dimension(space: FeatureSpace): number {
  return denseOffset(space) + featureNames().length;
}

/** Sparse feature vector: hashed word unigrams and bigrams, then the dense features. */
export function featurize(sentence: string, context: SentenceContext, space: FeatureSpace): SparseVector {
  const mask = (1 << space.hashBits) - 1;
  const tokens = tokenize(sentence);
  const grams = new Set<string>();
  const padded = ["<s>", ...tokens, "</s>"];
  for (let i = 0; i < padded.length; i++) {
    if (i > 0 && i < padded.length - 1) grams.add(padded[i]);
    if (i > 0) grams.add(`${padded[i - 1]} ${padded[i]}`);
  }
  const buckets = new Map<number, number>();
  const scale = 1 / Math.sqrt(Math.max(1, grams.size));
  for (const g of grams) {
    const bucket = hash(g) & mask;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + scale);
  }
  const indices = [...buckets.keys()].sort((a, b) => a - b);
  const values = indices.map((i) => buckets.get(i)!);

  const dense = [
    ...denseOf(sentence),
    ...contextDense(context.previous),
    ...contextDense(context.next),
    context.fromTranscript ? 1 : 0,
  ];
  const offset = denseOffset(space);
  dense.forEach((v, i) => {
    if (v !== 0) {
      indices.push(offset + i);
      values.push(v);
    }
  });
  return { indices, values };
}
