/**
 * The queue search's cases, answered by both engines: SQLite's FTS5 (search-pg.test.ts, through the
 * real queue, listClaimRows) and PostgreSQL's tsvector search (migrations-pg.test.ts, on PGlite, through
 * search-pg.ts). `matches` are indexes into SEARCH_CORPUS.
 */
export const SEARCH_CORPUS = [
  "Mrs. Johnson, 63, was pardoned by the president in 2018.",
  "She was sentenced to life in 1996 for a first-time drug offence.",
  "The White House said the commutation was granted after Kim Kardashian-West lobbied.",
  "Johnson's 62-year-old sister spoke at the café.",
  "A pardon is not the same as a commutation of sentence.",
  "Prosecutors convicted her in 1997 on cocaine charges.",
] as const;

export const SEARCH_CASES: ReadonlyArray<{ q: string; matches: number[]; why: string }> = [
  { q: "pardoned", matches: [0, 4], why: "stemmed: pardoned and pardon" },
  { q: "PARDONS", matches: [0, 4], why: "case folded, then stemmed" },
  { q: "commuted", matches: [2, 4], why: "commuted and commutation share Porter's stem" },
  { q: "sentenced 1996", matches: [1], why: "every term required" },
  { q: "sentence", matches: [1, 4], why: "sentenced and sentence" },
  { q: "presidents 2018", matches: [0], why: "a plural, and a year as a word" },
  { q: "62-year-old", matches: [3], why: "a hyphenated term is a phrase of its words" },
  { q: "old 62", matches: [3], why: "separate terms in any order" },
  { q: "year-62", matches: [], why: "a phrase's words in its order only" },
  { q: "Kardashian West", matches: [2], why: "hyphenated text holds both words" },
  { q: "cafe", matches: [3], why: "accents dropped in the text" },
  { q: '"CAFÉ"', matches: [3], why: "and in the search; quotes are not syntax" },
  { q: "the", matches: [0, 2, 3, 4], why: "no stop words (FTS5 has none)" },
  { q: "johnson's", matches: [3], why: "the apostrophe splits it into a phrase: johnson s" },
  { q: "she 1996", matches: [1], why: "a short pronoun is a word too" },
  { q: "NEAR(pardon", matches: [], why: "FTS5 operators are plain words: near pardon, a phrase" },
  { q: "-pardon", matches: [0, 4], why: "a leading minus is not negation" },
  { q: "pardon OR cocaine", matches: [], why: "OR is a word, and no claim has all three" },
  { q: "clemency", matches: [], why: "a word no claim has" },
  { q: " *** ( ", matches: [], why: "punctuation alone matches nothing, not everything" },
];
