import { charGrams, fnv, stem, type CharIdf } from "@/lib/match/features";
import { contentWords, normalizeClaimText } from "@/lib/match/normalize";

/**
 * Document frequencies of character 3–5-grams and of whole (stemmed) words over a collection, hashed
 * into 2^bits buckets, as smoothed idf = ln((N+1)/(df+1)) + 1 stored in sixteenths (1 byte each).
 */
export function buildCharIdf(texts: readonly string[], bits: number): CharIdf {
  const df = new Uint32Array(1 << bits);
  const mask = (1 << bits) - 1;
  for (const raw of texts) {
    const text = normalizeClaimText(raw);
    const seen = new Set(charGrams(text, bits).keys());
    for (const w of contentWords(text)) seen.add(fnv(` ${stem(w)} `) & mask);
    for (const h of seen) df[h]++;
  }
  const n = texts.length;
  const maxIdf = Math.log(n + 1) + 1;
  const values = new Uint8Array(1 << bits);
  for (let h = 0; h < values.length; h++) {
    if (df[h] === 0) continue;
    values[h] = Math.max(1, Math.min(255, Math.round((Math.log((n + 1) / (df[h] + 1)) + 1) * 16)));
  }
  return { bits, values, maxIdf };
}
