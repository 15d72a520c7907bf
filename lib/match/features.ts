/*
 * Features of one (claim, fact-check) pair, shared by training (scripts/train-matching.ts) and the app
 * (lib/match/matcher.ts) so both read a pair the same way. The candidate list comes from BM25 over the
 * fact-check's claim and headline (factchecks_fts); these features let the reranker see what BM25 does
 * not: how much of the fact-check's claim the post covers, character n-gram similarity (spelling,
 * compounds, stems BM25 misses), numbers and names that agree or clash, and where in the list it sits.
 */
import { canonicalNumbers, contentWords, normalizeClaimText } from "./normalize";

export const FEATURE_VERSION = 1;

export const FEATURE_NAMES = [
  "bm25",
  "bm25_rel_top",
  "bm25_gap_top",
  "inv_rank",
  "bm25_claim",
  "bm25_title",
  "claim_covered",
  "query_covered",
  "title_covered",
  "claim_idf_covered",
  "bigrams_shared",
  "char_cos_claim",
  "char_cos_title",
  "char_cos_rel_best",
  "numbers_shared",
  "numbers_clash",
  "names_covered",
  "names_missing",
  "log_claim_words",
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Character n-gram document frequencies, hashed: idf = values[h] / 16 (0 = never seen, read as the max). */
export interface CharIdf {
  bits: number;
  values: Uint8Array;
  maxIdf: number;
}

const GRAM_MIN = 3;
const GRAM_MAX = 5;

/** 32-bit FNV-1a of text[from, to). */
export function fnv(text: string, from = 0, to = text.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashed character 3–5-grams of the words (with a space on each side), counted. */
export function charGrams(text: string, bits: number): Map<number, number> {
  const grams = new Map<number, number>();
  const mask = (1 << bits) - 1;
  const padded = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
  for (let n = GRAM_MIN; n <= GRAM_MAX; n++) {
    for (let i = 0; i + n <= padded.length; i++) {
      const h = fnv(padded, i, i + n) & mask;
      grams.set(h, (grams.get(h) ?? 0) + 1);
    }
  }
  return grams;
}

export function idfOf(idf: CharIdf, h: number): number {
  const v = idf.values[h];
  return v === 0 ? idf.maxIdf : v / 16;
}

/** TF-IDF (sublinear tf) unit vector of a text's character n-grams. */
export function tfidfVector(text: string, idf: CharIdf): Map<number, number> {
  const grams = charGrams(text, idf.bits);
  let norm = 0;
  for (const [h, count] of grams) {
    const w = (1 + Math.log(count)) * idfOf(idf, h);
    grams.set(h, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [h, w] of grams) grams.set(h, w / norm);
  return grams;
}

/**
 * A text's gram vector as two typed arrays in the order tfidfVector made them (a third of a Map's memory,
 * and a loop over them costs no hash lookups).
 */
export interface GramVector {
  keys: Int32Array;
  weights: Float64Array;
}

export function gramVector(grams: Map<number, number>): GramVector {
  return { keys: Int32Array.from(grams.keys()), weights: Float64Array.from(grams.values()) };
}

// Vectors spread over arrays indexed by gram hash (hashes are below 2^bits), zero again after each use.
let denseA: Float64Array = new Float64Array(0);
let denseB: Float64Array = new Float64Array(0);

function spread(into: Float64Array, v: GramVector): Float64Array {
  let top = 0;
  for (let i = 0; i < v.keys.length; i++) top = Math.max(top, v.keys[i]);
  const dense = into.length > top ? into : new Float64Array(Math.max(top + 1, into.length * 2));
  for (let i = 0; i < v.keys.length; i++) dense[v.keys[i]] = v.weights[i];
  return dense;
}

function unspread(dense: Float64Array, v: GramVector): void {
  for (let i = 0; i < v.keys.length; i++) dense[v.keys[i]] = 0;
}

/** Σ w·dense[h] over `small`'s grams in its order: the sum of the shared grams' products (absent ones add +0). */
function dotWith(small: GramVector, dense: Float64Array): number {
  let dot = 0;
  for (let i = 0; i < small.keys.length; i++) {
    const h = small.keys[i];
    if (h < dense.length) dot += small.weights[i] * dense[h];
  }
  return dot;
}

/** Cosine of two unit vectors, summed over the smaller one's grams in its order (the first when equal). */
export function cosine(a: GramVector, b: GramVector): number {
  const dot = cosineMany(a)(b);
  unspread(denseA, a);
  return dot;
}

/** cosine(query, ·) for many candidates: the query's grams spread once (unspread them after the last). */
function cosineMany(query: GramVector): (other: GramVector) => number {
  const dense = (denseA = spread(denseA, query));
  const size = query.keys.length;
  return (other) => {
    if (other.keys.length < size) return dotWith(other, dense);
    const spreadOther = (denseB = spread(denseB, other));
    const dot = dotWith(query, spreadOther);
    unspread(spreadOther, other);
    return dot;
  };
}

/** A light English stemmer (plural, -ing, -ed), enough for overlap counts; BM25 has porter itself. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return word.slice(0, -3) + "y";
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ing") && word.length > 5) return word.slice(0, -3);
  if (word.endsWith("ed") && word.length > 4) return word.slice(0, -2);
  if (word.endsWith("es") && /(?:sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) return word.slice(0, -1);
  return word;
}

/** Capitalised words not at a sentence start, lower-cased and stemmed: the names a claim is about. */
function names(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(^|[^.!?:]\s+|["'(])(\p{Lu}[\p{L}\p{N}'’-]+)/gu)) {
    const w = m[2].toLowerCase().replace(/['’]s$/, "");
    if (w.length > 1) out.add(stem(w));
  }
  return out;
}

function wordIdf(idf: CharIdf, w: string): number {
  // A word's rarity, read off the idf of its own hashed "word" gram (the word with its spaces).
  const padded = ` ${w} `;
  return idfOf(idf, fnv(padded, 0, padded.length) & ((1 << idf.bits) - 1));
}

export interface TextInfo {
  text: string;
  stems: Set<string>;
  /** Content words counted with repeats (the field length BM25 normalises by). */
  length: number;
  /** Each stem's idf, looked up once when the text is analysed. */
  idfs: Map<string, number>;
  bigrams: Set<string>;
  numbers: Set<string>;
  names: Set<string>;
  grams: GramVector;
}

/** Everything the features need from one text, computed once (a claim is compared with 50–100 candidates). */
export function analyze(raw: string, idf: CharIdf, normalized = false): TextInfo {
  const text = normalized ? raw : normalizeClaimText(raw);
  const stemmed = contentWords(text).map(stem);
  const bigrams = new Set<string>();
  for (let i = 1; i < stemmed.length; i++) bigrams.add(`${stemmed[i - 1]} ${stemmed[i]}`);
  return {
    text,
    stems: new Set(stemmed),
    length: stemmed.length,
    idfs: new Map(stemmed.map((w) => [w, wordIdf(idf, w)])),
    bigrams,
    numbers: new Set(canonicalNumbers(text)),
    names: names(text),
    grams: gramVector(tfidfVector(text, idf)),
  };
}

export interface Retrieved {
  /** BM25 over both fields (FTS5's bm25() negated: larger is better). */
  bm25: number;
  /** 0-based position in BM25 order. */
  rank: number;
}

export interface PairInput {
  claim: TextInfo;
  title: TextInfo | null;
  retrieved: Retrieved;
}

/**
 * What a candidate's features need from the pair alone (the claim and the fact-check's texts, read
 * through the model's own idf): nothing here depends on the archive's statistics or on the other
 * candidates of the list, so the matcher keeps it across archive changes (matcher.ts) and only the
 * BM25 and list-relative entries are worked out again.
 */
export interface PairParts {
  /** The feature vector with its BM25 and list-relative entries (bm25*, inv_rank, char_cos_rel_best) left at 0. */
  base: Float64Array;
  cosClaim: number;
  cosTitle: number;
  claimLength: number;
  /** null when the fact-check has no title. */
  titleLength: number | null;
  /** The idf of each stem the field shares with the query, in the field's order (packedFieldBm25's terms). */
  claimIdfs: Float64Array;
  titleIdfs: Float64Array | null;
}

/** Each shared stem's idf, in the field's stem order: packedFieldBm25 sums their terms in this order. */
function sharedIdfs(query: TextInfo, field: TextInfo): Float64Array {
  const out: number[] = [];
  for (const s of field.stems) if (query.stems.has(s)) out.push(field.idfs.get(s)!);
  return Float64Array.from(out);
}

function shared<T>(a: Set<T>, b: Set<T>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/** pairParts for each candidate (the query's grams spread once for all of them). */
export function pairParts(query: TextInfo, candidates: readonly Pick<PairInput, "claim" | "title">[]): PairParts[] {
  const against = cosineMany(query.grams);
  const cosClaims = candidates.map((c) => against(c.claim.grams));
  const cosTitles = candidates.map((c) => (c.title ? against(c.title.grams) : 0));
  unspread(denseA, query.grams);
  return candidates.map((c, i) => {
    const claim = c.claim;
    const claimShared = shared(claim.stems, query.stems);
    let idfAll = 0;
    let idfShared = 0;
    for (const s of claim.stems) {
      const w = claim.idfs.get(s)!;
      idfAll += w;
      if (query.stems.has(s)) idfShared += w;
    }
    const numbersShared = shared(claim.numbers, query.numbers);
    const candidateNames = c.title && c.title.names.size > 0 ? new Set(claim.names) : claim.names;
    if (candidateNames !== claim.names) for (const n of c.title!.names) candidateNames.add(n);
    const namesShared = shared(candidateNames, query.stems);
    // In FEATURE_NAMES order (an array, not a record read back by name: this runs for every candidate).
    const base = Float64Array.from([
      /* bm25, bm25_rel_top, bm25_gap_top, inv_rank, bm25_claim, bm25_title: from the list */ 0, 0, 0, 0, 0, 0,
      /* claim_covered */ claimShared / Math.max(1, claim.stems.size),
      /* query_covered */ claimShared / Math.max(1, query.stems.size),
      /* title_covered */ c.title ? shared(c.title.stems, query.stems) / Math.max(1, c.title.stems.size) : 0,
      /* claim_idf_covered */ idfShared / Math.max(1e-9, idfAll),
      /* bigrams_shared */ Math.log1p(shared(claim.bigrams, query.bigrams) + (c.title ? shared(c.title.bigrams, query.bigrams) : 0)),
      /* char_cos_claim */ cosClaims[i],
      /* char_cos_title */ cosTitles[i],
      /* char_cos_rel_best: from the list */ 0,
      /* numbers_shared */ numbersShared > 0 ? 1 : 0,
      /* numbers_clash */ numbersShared === 0 && claim.numbers.size > 0 && query.numbers.size > 0 ? 1 : 0,
      /* names_covered */ namesShared / Math.max(1, candidateNames.size),
      /* names_missing */ candidateNames.size - namesShared > 0 ? Math.log1p(candidateNames.size - namesShared) : 0,
      /* log_claim_words */ Math.log1p(claim.stems.size),
    ]);
    return {
      base,
      cosClaim: cosClaims[i],
      cosTitle: cosTitles[i],
      claimLength: claim.length,
      titleLength: c.title ? c.title.length : null,
      claimIdfs: sharedIdfs(query, claim),
      titleIdfs: c.title ? sharedIdfs(query, c.title) : null,
    };
  });
}

const BASE = FEATURE_NAMES.length;

/**
 * A PairParts as one Float64Array (what the matcher keeps per pair: ~0.27 KB a pair measured, where the
 * object with three typed arrays took ~0.8 KB): base, cosClaim, cosTitle, claimLength, titleLength (NaN
 * without a title), the number of claim idfs, the claim idfs, the title idfs.
 */
export function packParts(p: PairParts): Float64Array {
  const titleIdfs = p.titleIdfs ?? new Float64Array(0);
  const out = new Float64Array(BASE + 5 + p.claimIdfs.length + titleIdfs.length);
  out.set(p.base, 0);
  out[BASE] = p.cosClaim;
  out[BASE + 1] = p.cosTitle;
  out[BASE + 2] = p.claimLength;
  out[BASE + 3] = p.titleLength ?? NaN;
  out[BASE + 4] = p.claimIdfs.length;
  out.set(p.claimIdfs, BASE + 5);
  out.set(titleIdfs, BASE + 5 + p.claimIdfs.length);
  return out;
}

/**
 * BM25 of one field, computed here (FTS5 gives one score per row; asking it per column costs a second
 * full-text query), from the shared stems' idfs packed in values[from, to). Word idf from the hashed
 * collection counts; average length over the candidate list.
 */
function packedFieldBm25(values: Float64Array, from: number, to: number, length: number, averageLength: number): number {
  const k1 = 1.2;
  const b = 0.75;
  const norm = 1 + k1 * (1 - b + (b * length) / Math.max(1, averageLength));
  let score = 0;
  for (let i = from; i < to; i++) score += (values[i] * (k1 + 1)) / norm;
  return score;
}

/**
 * The feature vectors of a candidate list from each candidate's packed pairParts (packParts) and its BM25
 * place, in FEATURE_NAMES order: read in place, so a kept pair costs no unpacking.
 */
export function featureVectorsOfPacked(candidates: readonly { packed: Float64Array; retrieved: Retrieved }[]): number[][] {
  // One pass for the list's figures (the same folds, in the same order, as Math.max over all and a sum).
  let topBm25 = 1e-9;
  let bestCos = 1e-9;
  let claimTotal = 0;
  let titleTotal = 0;
  let titled = 0;
  for (const { packed, retrieved } of candidates) {
    topBm25 = Math.max(topBm25, retrieved.bm25);
    bestCos = Math.max(bestCos, Math.max(packed[BASE], packed[BASE + 1]));
    claimTotal += packed[BASE + 2];
    if (!Number.isNaN(packed[BASE + 3])) {
      titleTotal += packed[BASE + 3];
      titled++;
    }
  }
  const averageClaim = claimTotal / Math.max(1, candidates.length);
  const averageTitle = titleTotal / Math.max(1, titled);
  return candidates.map(({ packed, retrieved }) => {
    const v: number[] = [];
    for (let j = 0; j < BASE; j++) v.push(packed[j]);
    const titleLength = packed[BASE + 3];
    const claimEnd = BASE + 5 + packed[BASE + 4];
    v[0] = retrieved.bm25;
    v[1] = retrieved.bm25 / topBm25;
    v[2] = topBm25 - retrieved.bm25;
    v[3] = 1 / (1 + retrieved.rank);
    v[4] = packedFieldBm25(packed, BASE + 5, claimEnd, packed[BASE + 2], averageClaim);
    v[5] = Number.isNaN(titleLength) ? 0 : packedFieldBm25(packed, claimEnd, packed.length, titleLength, averageTitle);
    v[13] = Math.max(packed[BASE], packed[BASE + 1]) / bestCos;
    return v;
  });
}

/** The feature vectors of a candidate list from each candidate's pairParts and its BM25 place, in FEATURE_NAMES order. */
export function featureVectorsOfParts(candidates: readonly { parts: PairParts; retrieved: Retrieved }[]): number[][] {
  return featureVectorsOfPacked(candidates.map(({ parts, retrieved }) => ({ packed: packParts(parts), retrieved })));
}

/** One feature vector per candidate, in FEATURE_NAMES order; list-relative features need the whole list. */
export function featureVectors(query: TextInfo, candidates: readonly PairInput[]): number[][] {
  const parts = pairParts(query, candidates);
  return featureVectorsOfParts(candidates.map((c, i) => ({ parts: parts[i], retrieved: c.retrieved })));
}
