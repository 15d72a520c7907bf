/**
 * Feature extraction shared by training (scripts/train-checkworthiness.ts) and
 * inference (model.ts), so the two can never drift apart. Changing anything here
 * changes what the weights mean: bump FEATURE_VERSION and retrain.
 *
 * Tokens and part-of-speech tags come from wink-nlp's English lite model, read once per
 * document; number-like entities (dates, money, percentages, cardinals, ordinals, times,
 * durations) from its token types.
 * It has no person / organisation / place recogniser, so names are its proper-noun
 * tags (PROPN) and runs of them.
 */
import winkNLP from "wink-nlp";
import winkModel from "wink-eng-lite-web-model";
import { quotationPieces } from "./sentences";

export const FEATURE_VERSION = 8;

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

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

function parser(): Nlp {
  // Sentence boundaries are ours (sentences.ts); wink only tags within one sentence.
  nlp ??= winkNLP(winkModel, ["pos"]);
  return nlp;
}

/** What wink reads in one sentence: lower-cased tokens with numbers replaced by kind, tags, entity types. */
export interface Analysis {
  text: string;
  tokens: string[];
  pos: string[];
  entities: string[];
  dense: number[];
}

export const UPOS = [
  "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB",
] as const;
export const ENTITY_TYPES = ["DATE", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "TIME", "DURATION"] as const;

const RE = {
  year: /^(1[89]\d\d|20\d\d)s?$/,
  firstPersonOpinion: /^(and |but |so |well,? |now,? )?(i|we)( really| just| strongly)? (think|believe|feel|hope|want|wish|guess|know|love|like|am going to|'m going to|will|would|must|need|should|can)\b|^(i|we)('m| am| are|'re) (not )?(going|glad|proud|honored|thrilled|happy|sure|confident)\b/i,
  question: /\?\s*["'”’)]*$/,
  exclamation: /!/,
  quoted: /["“”]/,
  acronym: /\b[A-Z]{2,}s?\b/,
  pronounSubject: /^(it|this|that|these|those|they|he|she)\b/i,
  // A line that opens a quotation: what follows is someone's words, not the reporter's claim.
  opensWithQuote: /^["“‘'[]/,
};

/** Word lists matched against the sentence's tokens: single words, and pairs of consecutive words. */
interface Lexicon {
  words: Set<string>;
  pairs: Set<string>;
  /** First words of the pairs, so most tokens are checked without building a pair string. */
  starts: Set<string>;
}
function lexicon(words: string, pairs = ""): Lexicon {
  const pairList = pairs.split(",").map((p) => p.trim()).filter(Boolean);
  return { words: new Set(words.split(" ").filter(Boolean)), pairs: new Set(pairList), starts: new Set(pairList.map((p) => p.split(" ")[0])) };
}
// Token-based (one Set lookup per token) rather than regular expressions: the same lists, at a
// fraction of the cost per sentence, which the 10 ms article budget needs.
const LEX = {
  magnitude: lexicon("hundred hundreds thousand thousands million millions billion billions trillion trillions dozen dozens half twice double doubled doubles triple tripled triples quadruple quadrupled"),
  attribution: lexicon("said says say told tells reported reports announced stated claimed claims testified wrote writes tweeted confirmed revealed admitted acknowledged estimated showed", "according to, found that, show that, shows that"),
  comparison: lexicon("than largest biggest highest lowest smallest fastest slowest worst best most least record ever since top bottom rank ranked ranks majority minority compared", "as much, as many, first time"),
  change: lexicon("increase increased increases increasing decrease decreased decreases rose rise rises risen fell fall falls fallen grew grow grown grows growth drop dropped drops decline declined declines cut cuts cutting doubled tripled halved surge surged plunge plunged soar soared jumped lost gained added created raised lowered reduced spent spending paid pays owe owed owes cost costs tax taxes budget deficit debt"),
  official: lexicon("pardon pardoned pardons pardoning commute commuted commutation clemency sentence sentenced convicted indicted charged arrested acquitted impeached sued signed vetoed voted vote votes passed enacted repealed ratified approved rejected banned ruled appointed nominated elected resigned fired deported executed released jailed imprisoned law bill act treaty court supreme congress senate federal tariff tariffs regulation regulations"),
  modal: lexicon("will would should could might must shall gonna wanna wo", "going to, want to, wants to, need to, needs to, let 's, let us"),
  firstPerson: lexicon("i me my mine myself"),
  secondPerson: lexicon("you your yours"),
  courtesy: lexicon("thanks applause laughter welcome congratulations please okay ok yeah yes no sorry crosstalk", "thank you, good evening, good morning, good night, ladies and, god bless, excuse me, bell rings"),
  existential: lexicon("", "there is, there are, there was, there were, there have, there has"),
  hedge: lexicon("maybe perhaps probably possibly seem seems appear appears likely allegedly reportedly apparently supposedly", "i think, i believe"),
};

type LexName = keyof typeof LEX;
const LEX_NAMES = Object.keys(LEX) as LexName[];
// Every word (and pair start) once, with the lexicons it belongs to: one lookup per token for all lists.
const WORD_LEXICONS = new Map<string, number[]>();
const PAIR_STARTS = new Set<string>();
LEX_NAMES.forEach((name, k) => {
  for (const w of LEX[name].words) WORD_LEXICONS.set(w, [...(WORD_LEXICONS.get(w) ?? []), k]);
  for (const w of LEX[name].starts) PAIR_STARTS.add(w);
});

/** How many tokens (or consecutive pairs) of the sentence are in each lexicon, by lexicon index. */
function lexiconHits(tokens: string[]): number[] {
  const counts = LEX_NAMES.map(() => 0);
  for (let i = 0; i < tokens.length; i++) {
    const lists = WORD_LEXICONS.get(tokens[i]);
    if (lists) for (const k of lists) counts[k]++;
    if (PAIR_STARTS.has(tokens[i]) && i + 1 < tokens.length) {
      const pair = `${tokens[i]} ${tokens[i + 1]}`;
      for (let k = 0; k < LEX_NAMES.length; k++) if (LEX[LEX_NAMES[k]].pairs.has(pair)) counts[k]++;
    }
  }
  return counts;
}

const POS_INDEX = new Map<string, number>(UPOS.map((p, i) => [p, i]));
const ENTITY_INDEX = new Map<string, number>(ENTITY_TYPES.map((e, i) => [e, i]));

const MONTH_WORDS = new Set([
  "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
]);
const DURATION_UNITS = /^(years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries)$/;

/**
 * Number-like entities from wink's token types (number, ordinal, currency) and their neighbours.
 * wink's own NER pipe would name the same kinds but costs about 1.2 ms per 2,000 words, more than
 * the 10 ms article budget leaves after tokenising and tagging (see the model README).
 */
function quantityKinds(values: string[], types: string[]): string[] {
  const kinds: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i].toLowerCase();
    if (types[i] === "ordinal") kinds.push("ORDINAL");
    else if (types[i] === "number") {
      const next = (values[i + 1] ?? "").toLowerCase();
      if (types[i - 1] === "currency" || /^(dollars?|cents?|euros?|pounds?)$/.test(next)) kinds.push("MONEY");
      else if (next === "%" || next === "percent") kinds.push("PERCENT");
      else if (RE.year.test(v) || MONTH_WORDS.has((values[i - 1] ?? "").toLowerCase())) kinds.push("DATE");
      else if (DURATION_UNITS.test(next)) kinds.push("DURATION");
      else if (/^(a\.?m\.?|p\.?m\.?)$/.test(next) || /^\d{1,2}:\d\d$/.test(v)) kinds.push("TIME");
      else kinds.push("CARDINAL");
    } else if (MONTH_WORDS.has(v) && types[i + 1] === "number") continue;
  }
  return kinds;
}

/**
 * Reads the sentences of one document with a single wink call (one call per sentence costs several
 * times more) and hands each its tokens, tags and dense features.
 */
export function analyseAll(sentences: string[]): Analysis[] {
  const texts = sentences.map((x) => x.trim());
  const joined = texts.join("\n\n");
  const ends: number[] = [];
  let length = 0;
  for (const t of texts) {
    length += t.length;
    ends.push(length);
    length += 2;
  }
  const its = parser().its;
  const doc = parser().readDoc(joined);
  const values = doc.tokens().out(its.value) as string[];
  const types = doc.tokens().out(its.type) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  // wink's types declare its.lemma with the model add-ons argument that out() passes itself.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const per = texts.map(() => ({ values: [] as string[], types: [] as string[], pos: [] as string[], lemmas: [] as string[] }));
  let cursor = 0;
  let piece = 0;
  for (let i = 0; i < values.length; i++) {
    // The blank lines joining the sentences come back as line-break tokens: they belong to none.
    if (types[i] === "tabCRLF") continue;
    const at = joined.indexOf(values[i], cursor);
    if (at >= 0) cursor = at + values[i].length;
    while (piece < texts.length - 1 && (at >= 0 ? at : cursor) >= ends[piece]) piece++;
    per[piece].values.push(values[i]);
    per[piece].types.push(types[i]);
    per[piece].pos.push(tags[i]);
    per[piece].lemmas.push(lemmas[i]);
  }
  return texts.map((text, k) => {
    const { values: v, types: t, pos, lemmas: lemma } = per[k];
    const tokens: string[] = [];
    for (let i = 0; i < v.length; i++) {
      if (t[i] === "punctuation") continue;
      const w = v[i].toLowerCase();
      if (t[i] === "number") tokens.push(RE.year.test(w) ? "_year_" : "_num_");
      else if (t[i] === "currency" || w === "%") tokens.push(w === "%" ? "_pct_" : "_cur_");
      else if (t[i] === "ordinal") tokens.push("_ord_");
      else if (t[i] === "word" || t[i] === "symbol") tokens.push(/[’‘`]/.test(w) ? w.replace(/[’‘`]/g, "'") : w);
      else tokens.push(`_${t[i]}_`);
    }
    const entities = quantityKinds(v, t);
    return { text, tokens, pos, entities, dense: [...denseOf(text, tokens, pos, entities), ...actionsOf(v, pos, lemma)] };
  });
}

/** One sentence on its own. */
export function analyse(sentence: string): Analysis {
  return analyseAll([sentence])[0];
}

function denseOf(s: string, tokens: string[], pos: string[], entities: string[]): number[] {
  const b = (re: RegExp) => (re.test(s) ? 1 : 0);
  const counts = lexiconHits(tokens);
  const hit = (name: LexName) => counts[LEX_NAMES.indexOf(name)];
  const has = (name: LexName) => (hit(name) > 0 ? 1 : 0);
  let pastTense = 0;
  for (const t of tokens) if (t.length >= 5 && t.endsWith("ed")) pastTense++;
  const posShare = new Array<number>(UPOS.length).fill(0);
  let words = 0;
  let propnRuns = 0;
  for (let i = 0; i < pos.length; i++) {
    const k = POS_INDEX.get(pos[i]);
    if (k === undefined) continue;
    if (pos[i] !== "PUNCT") words++;
    posShare[k]++;
    if (pos[i] === "PROPN" && pos[i - 1] !== "PROPN") propnRuns++;
  }
  for (let k = 0; k < posShare.length; k++) posShare[k] /= Math.max(1, pos.length);
  const entityCount = new Array<number>(ENTITY_TYPES.length).fill(0);
  for (const e of entities) {
    const k = ENTITY_INDEX.get(e);
    if (k !== undefined) entityCount[k]++;
  }
  const numeric = entityCount[1] + entityCount[2] + entityCount[3];
  return [
    ...posShare,
    ...entityCount.map((c) => (c > 0 ? 1 : 0)),
    Math.log1p(numeric),
    propnRuns > 0 ? 1 : 0,
    Math.log1p(propnRuns),
    has("magnitude"),
    has("attribution"),
    has("comparison"),
    has("change"),
    has("official"),
    b(RE.firstPersonOpinion),
    has("modal"),
    Math.min(hit("firstPerson"), 4) / 4,
    Math.min(hit("secondPerson"), 4) / 4,
    has("courtesy"),
    b(RE.question),
    b(RE.exclamation),
    b(RE.quoted),
    b(RE.opensWithQuote),
    has("existential"),
    Math.min(pastTense, 5) / 5,
    b(RE.acronym),
    has("hedge"),
    b(RE.pronounSubject),
    Math.log1p(words) / 4,
    words < 6 ? 1 : 0,
    words > 35 ? 1 : 0,
  ];
}

/**
 * What the sentence says someone did, from wink's tags and lemmas: verbs in a past form (the word
 * differs from its lemma and is not an -ing or -s form: "met", "gave", "commuted", "was released"),
 * and whether an official act is the verb ("to pardon", "signed", "voted") rather than a noun ("the
 * pardon"). (v7's "actor before a past verb" flag ended at weight 0.02 and was dropped in v8; a
 * verb-of-persuasion flag, "helped convince", moved the Kushner piece one place and was dropped in v7:
 * see the model README.)
 */
function actionsOf(values: string[], pos: string[], lemmas: string[]): number[] {
  let past = 0;
  let official = 0;
  for (let i = 0; i < values.length; i++) {
    if (pos[i] !== "VERB") continue;
    const w = values[i].toLowerCase();
    const lemma = lemmas[i];
    if (lemma !== w && !w.endsWith("ing") && w !== `${lemma}s` && w !== `${lemma}es`) past++;
    if (LEX.official.words.has(w)) official++;
  }
  return [Math.min(past, 3) / 3, official > 0 ? 1 : 0];
}

export const DENSE_NAMES = [
  ...UPOS.map((p) => `pos_${p.toLowerCase()}`),
  ...ENTITY_TYPES.map((e) => `entity_${e.toLowerCase()}`),
  "log_quantities", "has_proper_noun", "log_proper_nouns", "magnitude", "attribution", "comparison",
  "change_verb", "official_action", "first_person_opinion", "modal", "first_person", "second_person",
  "courtesy", "question", "exclamation", "quoted", "opens_with_quote", "existential", "past_tense",
  "acronym", "hedge", "pronoun_subject", "log_length", "short", "long",
  "past_verb", "official_verb",
] as const;

// Features of the neighbours that carry over: is this part of a stretch of figures, or of chit-chat?
const CONTEXT_NAMES = [
  "entity_cardinal", "entity_date", "entity_money", "courtesy", "question", "first_person_opinion", "short",
] as const;
const CONTEXT_INDEX = CONTEXT_NAMES.map((name) => (DENSE_NAMES as readonly string[]).indexOf(name));

export function featureNames(): string[] {
  return [
    ...DENSE_NAMES,
    ...CONTEXT_NAMES.map((n) => `prev_${n}`),
    ...CONTEXT_NAMES.map((n) => `next_${n}`),
    "from_transcript",
  ];
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

// Hashes of tokens and tags are reused across sentences; n-gram hashes combine them as numbers
// instead of building a string per n-gram.
const hashCache = new Map<string, number>();
function cachedHash(s: string): number {
  let h = hashCache.get(s);
  if (h === undefined) {
    if (hashCache.size > 200_000) hashCache.clear();
    h = hash(s);
    hashCache.set(s, h);
  }
  return h;
}

/** Order-sensitive mix of two 32-bit hashes (murmur3's finaliser over an FNV-style step). */
function combine(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x01000193) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const START = hash("<s>");
const END = hash("</s>");
const POS_SEED = hash("p:");

export interface FeatureSpace {
  hashBits: number;
}

export function denseOffset(space: FeatureSpace): number {
  return 1 << space.hashBits;
}

export function dimension(space: FeatureSpace): number {
  return denseOffset(space) + featureNames().length;
}

/**
 * Sparse feature vector of an analysed sentence: hashed word unigrams and bigrams, hashed
 * part-of-speech bigrams and trigrams, then the dense features and those of its neighbours.
 */
export function vectorOf(
  a: Analysis,
  neighbours: { previous?: Analysis; next?: Analysis; fromTranscript?: boolean },
  space: FeatureSpace,
): SparseVector {
  const mask = (1 << space.hashBits) - 1;
  // Distinct n-gram hashes (a sorted typed array, deduplicated in place: no Set or Map per sentence).
  const raw = new Uint32Array(2 * a.tokens.length + 2 * a.pos.length + 4);
  let n = 0;
  let previous = START;
  for (const t of a.tokens) {
    const h = cachedHash(t);
    raw[n++] = h;
    raw[n++] = combine(previous, h);
    previous = h;
  }
  raw[n++] = combine(previous, END);
  let tag2 = START;
  let tag1 = START;
  let first = true;
  const addTag = (h: number) => {
    raw[n++] = combine(POS_SEED, combine(tag1, h));
    if (!first) raw[n++] = combine(POS_SEED, combine(combine(tag2, tag1), h));
    first = false;
    tag2 = tag1;
    tag1 = h;
  };
  for (const p of a.pos) if (p !== "PUNCT") addTag(cachedHash(p));
  addTag(END);
  const grams = raw.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || grams[i] !== grams[i - 1]) grams[distinct++] = grams[i];
  // Distinct grams that share a bucket add up there.
  const scale = 1 / Math.sqrt(Math.max(1, distinct));
  const buckets = grams.subarray(0, distinct);
  for (let i = 0; i < distinct; i++) buckets[i] &= mask;
  buckets.sort();
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < distinct; i++) {
    if (i > 0 && buckets[i] === buckets[i - 1]) values[values.length - 1] += scale;
    else {
      indices.push(buckets[i]);
      values.push(scale);
    }
  }

  // The dense features, then the neighbours' context features, then from_transcript: written straight
  // into the sparse arrays (no intermediate array per sentence).
  const offset = denseOffset(space);
  let at = offset;
  const put = (v: number) => {
    if (v !== 0) {
      indices.push(at);
      values.push(v);
    }
    at++;
  };
  for (const v of a.dense) put(v);
  for (const neighbour of [neighbours.previous, neighbours.next]) {
    if (neighbour === undefined) at += CONTEXT_INDEX.length;
    else for (const i of CONTEXT_INDEX) put(neighbour.dense[i]);
  }
  put(neighbours.fromTranscript ? 1 : 0);
  return { indices, values };
}

/**
 * Feature vectors for the sentences of one document, each read once and with its neighbours as
 * context. A span that introduces a quotation with a colon is the mean of its sentences' vectors
 * (quotationPieces), so its score is the mean of theirs rather than that of one long "sentence".
 */
export function featurizeDocument(
  sentences: string[],
  options: { context?: boolean; fromTranscript?: boolean },
  space: FeatureSpace,
): SparseVector[] {
  const pieces = sentences.map(quotationPieces);
  const analyses = analyseAll(pieces.flat());
  const useContext = options.context ?? true;
  let at = 0;
  return pieces.map((p) => {
    const vectors = p.map((_, j) => {
      const i = at + j;
      return vectorOf(
        analyses[i],
        useContext
          ? { previous: analyses[i - 1], next: analyses[i + 1], fromTranscript: options.fromTranscript }
          : { fromTranscript: options.fromTranscript },
        space,
      );
    });
    at += p.length;
    return vectors.length === 1 ? vectors[0] : meanVector(vectors);
  });
}

function meanVector(vectors: SparseVector[]): SparseVector {
  const sum = new Map<number, number>();
  for (const v of vectors) v.indices.forEach((index, k) => sum.set(index, (sum.get(index) ?? 0) + v.values[k] / vectors.length));
  const indices = [...sum.keys()].sort((x, y) => x - y);
  return { indices, values: indices.map((i) => sum.get(i)!) };
}

/** One sentence with optional neighbour texts (tests, one-off scoring). */
export function featurize(sentence: string, context: SentenceContext, space: FeatureSpace): SparseVector {
  return vectorOf(
    analyse(sentence),
    {
      previous: context.previous === undefined ? undefined : analyse(context.previous),
      next: context.next === undefined ? undefined : analyse(context.next),
      fromTranscript: context.fromTranscript,
    },
    space,
  );
}

/** Lower-cased word tokens with numbers replaced by their kind, as the model sees them. */
export function tokenize(sentence: string): string[] {
  return analyse(sentence).tokens;
}
