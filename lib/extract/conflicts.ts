import { markBoilerplate } from "./boilerplate";
import { splitSentences, type SentenceSpan } from "./sentences";

export interface ArticleInput {
  id: string;
  title: string;
  body: string;
}

export type ConflictKind = "age" | "year" | "number" | "date" | "action";

/** Two sentences of different articles that state different values for the same fact. */
export interface Conflict {
  articleId: string;
  /** Offsets into the article body. */
  start: number;
  end: number;
  text: string;
  otherArticleId: string;
  otherStart: number;
  otherEnd: number;
  otherText: string;
  kind: ConflictKind;
  /** [this article's value, the other article's value] */
  values: [string, string];
}

/** One stated value: what it is about and who it is about. */
export interface Fact {
  kind: ConflictKind;
  /** What the value is about, e.g. "conviction" or "served:months"; facts only clash on equal keys. */
  key: string;
  value: string;
  /** Name tokens the fact is about (lower case); facts only clash when these overlap. */
  subjects: Set<string>;
}

/** A sentence of an article (offsets into its body) and the facts it states. */
export interface SentenceFacts {
  span: SentenceSpan;
  facts: Fact[];
}

// Capitalised words that are not names.
const NOT_NAMES = new Set([
  "the", "a", "an", "in", "on", "at", "of", "and", "but", "or", "if", "as", "after", "before", "when",
  "while", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "this", "that", "these",
  "those", "there", "according", "last", "next", "because", "although", "despite", "since", "now",
  "president", "former", "senator", "sen", "gov", "governor", "attorney", "general", "mr", "mrs", "ms",
  "dr", "white", "house", "office", "oval", "then", "us", "u.s", "january", "february", "march", "april",
  "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday",
  "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "just", "even", "so",
  "also", "however", "well", "why", "what", "how", "who", "where", "to", "for", "with", "by", "from",
]);

// Event verbs grouped so that "sentenced in 1996" and "convicted in 1997" are the same fact.
const EVENT_GROUPS: Array<[string, RegExp]> = [
  ["conviction", /\b(sentenced|convicted|found guilty|pleaded guilty|pled guilty)\b/i],
  ["arrest", /\b(arrested|indicted|charged|detained)\b/i],
  ["release", /\b(released|freed|paroled|walked free)\b/i],
  ["clemency", /\b(pardoned|commuted|granted clemency)\b/i],
  ["birth", /\b(born)\b/i],
  ["death", /\b(died|killed|passed away)\b/i],
  ["marriage", /\b(married|wed)\b/i],
  ["election", /\b(elected|re-elected)\b/i],
  ["appointment", /\b(appointed|nominated|named|hired)\b/i],
  ["resignation", /\b(resigned|fired|stepped down|left office)\b/i],
  ["founding", /\b(founded|established|launched|opened)\b/i],
  ["signing", /\b(signed|enacted|passed)\b/i],
];

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept\\.|Oct\\.|Nov\\.|Dec\\.";
const FULL_DATE = new RegExp(`\\b(${MONTHS})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b`, "g");
const YEAR = /\b(1[89]\d\d|20\d\d)\b(?![-–]\d)/g;

const COUNT_UNITS = "years?|months?|weeks?|days?|hours?|people|children|votes|jobs|dollars|percent|times|counts|inmates|prisoners|cases";
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, twenty: 20, thirty: 30, forty: 40, fifty: 50,
};

function nameTokens(sentence: string): string[] {
  const tokens: string[] = [];
  const re = /[\p{Lu}][\p{L}'’.-]*/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence)) !== null) {
    const word = m[0].replace(/['’]s$/u, "").replace(/[.'’-]+$/u, "").toLowerCase();
    if (word.length > 1 && !NOT_NAMES.has(word)) tokens.push(word);
  }
  return tokens;
}

/** Multi-word names in an article, so a lone "Johnson" can be linked to "Alice Marie Johnson". */
function fullNames(body: string): string[][] {
  const names: string[][] = [];
  // Each name once: a long article repeats its names thousands of times, and every fact's subjects
  // are expanded against this list.
  const seen = new Set<string>();
  const re = /[\p{Lu}][\p{L}'’-]+(?:\s+(?:[\p{Lu}]\.\s+)?[\p{Lu}][\p{L}'’-]+)+/gu;
  for (const m of body.matchAll(re)) {
    const parts = m[0]
      .split(/\s+/)
      .map((w) => w.replace(/['’]s$/u, "").toLowerCase())
      .filter((w) => w.length > 1 && !NOT_NAMES.has(w.replace(/\.$/, "")));
    const key = parts.join(" ");
    if (parts.length >= 2 && !seen.has(key)) {
      seen.add(key);
      names.push(parts);
    }
  }
  return names;
}

function expand(tokens: string[], names: string[][]): Set<string> {
  const out = new Set(tokens);
  for (const t of tokens) for (const name of names) if (name.includes(t)) name.forEach((n) => out.add(n));
  return out;
}

/** The name written just before a position ("Alice Johnson, a 63-year-old", "Johnson’s 63rd"). */
function nameBefore(sentence: string, index: number): string[] {
  const window = sentence.slice(Math.max(0, index - 60), index);
  const clause = window.split(/[.;:!?]|\b(?:who|which|that|and|but)\b/).pop() ?? "";
  const tokens = nameTokens(clause);
  return tokens.slice(-3);
}

function ageFacts(sentence: string, names: string[][]): Fact[] {
  const facts: Fact[] = [];
  const patterns = [
    /\b(\d{1,3})[- ]years?[- ]old\b/gi,
    /\baged (\d{1,3})\b/gi,
    /\b(\d{1,3})(?:st|nd|rd|th) birthday\b/gi,
    /\b(?:died|retired|released|pardoned|freed) at (?:the age of )?(\d{1,3})\b/gi,
  ];
  for (const re of patterns) {
    for (const m of sentence.matchAll(re)) {
      const subject = nameBefore(sentence, m.index ?? 0);
      if (subject.length === 0) continue;
      facts.push({ kind: "age", key: "age", value: m[1], subjects: expand(subject, names) });
    }
  }
  return facts;
}

function timeFacts(sentence: string, subjects: Set<string>): Fact[] {
  const facts: Fact[] = [];
  for (const [event, verb] of EVENT_GROUPS) {
    const v = verb.exec(sentence);
    if (!v) continue;
    for (const m of sentence.matchAll(FULL_DATE)) {
      if (attached(sentence, v.index, m.index ?? 0)) {
        facts.push({ kind: "date", key: event, value: `${m[1]} ${m[2]}, ${m[3]}`, subjects });
      }
    }
    for (const m of sentence.matchAll(YEAR)) {
      if (attached(sentence, v.index, m.index ?? 0)) {
        facts.push({ kind: "year", key: event, value: m[1], subjects });
      }
    }
  }
  return facts;
}

/** A time expression belongs to an event verb when no clause break separates them. */
function attached(sentence: string, verbAt: number, timeAt: number): boolean {
  const [a, b] = verbAt < timeAt ? [verbAt, timeAt] : [timeAt, verbAt];
  const between = sentence.slice(a, b);
  if (between.length > 60 || /[;:]|\b(and|but|while|after|before|because)\b/.test(between)) return false;
  // "In 1997, Johnson was convicted": a leading time phrase governs the main clause.
  return verbAt > timeAt ? !/,.*,/.test(between) : true;
}

function countFacts(sentence: string, subjects: Set<string>): Fact[] {
  const facts: Fact[] = [];
  const re = new RegExp(`\\b(\\w+)\\s+(\\d[\\d,.]*|${Object.keys(NUMBER_WORDS).join("|")})\\s+(${COUNT_UNITS})\\b`, "gi");
  for (const m of sentence.matchAll(re)) {
    const verb = m[1].toLowerCase();
    if (!/(ed|ing|s)$/.test(verb) || /^(is|was|has|this|his|its)$/.test(verb)) continue;
    const raw = m[2].toLowerCase();
    const value = NUMBER_WORDS[raw] ?? Number(raw.replace(/,/g, ""));
    const unit = m[3].toLowerCase().replace(/s$/, "");
    facts.push({ kind: "number", key: `${verb}:${unit}`, value: String(value), subjects });
  }
  return facts;
}

function actionFacts(sentence: string, subjects: Set<string>): Fact[] {
  if (/\b(was|been|were|is) pardoned\b|\bpardoned (her|him|\p{Lu})/u.test(sentence)) {
    return [{ kind: "action", key: "clemency-type", value: "pardon", subjects }];
  }
  // "get Johnson’s sentence commuted" names the kind of clemency as surely as "commuted her sentence".
  if (/\b(was|were|been) commuted\b|\bsentences? (was |were )?commuted\b|\bcommuted (her|his|the|their) (life |prison )?sentences?\b/.test(sentence)) {
    return [{ kind: "action", key: "clemency-type", value: "commutation", subjects }];
  }
  return [];
}

/**
 * The facts an article states, sentence by sentence (boilerplate and fact-free sentences left out).
 * Depends on the article alone, so it can be computed once when the article is added and stored.
 */
export function extractFacts(article: { title: string; body: string }): SentenceFacts[] {
  const spans = splitSentences(article.body);
  const boilerplate = markBoilerplate(article.body, spans);
  const names = fullNames(`${article.title}\n${article.body}`);
  return spans
    .filter((_, i) => !boilerplate[i])
    .map((span) => {
      const subjects = expand(nameTokens(span.text), names);
      const facts = [
        ...ageFacts(span.text, names),
        ...timeFacts(span.text, subjects),
        ...countFacts(span.text, subjects),
        ...actionFacts(span.text, subjects),
      ];
      return { span, facts };
    })
    .filter((s) => s.facts.length > 0);
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

const factKey = (fact: Fact) => `${fact.kind}\u0000${fact.key}`;

/**
 * The sentences of one article whose facts disagree with a sentence of another, from the first
 * article's side, in reading order of both. `seen` dedups across calls (findConflicts shares one).
 * Other sentences are looked up by the kind and key of each fact, so the work grows with the
 * facts that could clash rather than with the product of both articles' sentence counts.
 */
export function conflictsBetween(
  articleId: string,
  mine: readonly SentenceFacts[],
  otherArticleId: string,
  theirs: readonly SentenceFacts[],
  seen: Set<string> = new Set(),
): Conflict[] {
  const byKey = new Map<string, number[]>();
  theirs.forEach((sentence, index) => {
    for (const fact of sentence.facts) {
      const list = byKey.get(factKey(fact)) ?? [];
      if (list[list.length - 1] !== index) list.push(index);
      byKey.set(factKey(fact), list);
    }
  });
  const conflicts: Conflict[] = [];
  for (const a of mine) {
    // Only sentences sharing a kind and key with one of a's facts can clash with it.
    const candidates = new Set<number>();
    for (const fa of a.facts) for (const index of byKey.get(factKey(fa)) ?? []) candidates.add(index);
    for (const index of [...candidates].sort((x, y) => x - y)) {
      const b = theirs[index];
      for (const fa of a.facts) {
        const fb = b.facts.find(
          (f) => f.kind === fa.kind && f.key === fa.key && f.value !== fa.value && overlaps(f.subjects, fa.subjects),
        );
        if (!fb) continue;
        // "sentenced in 1996 and released in 2018" vs "sentenced in 1996": one matching value means agreement.
        const agrees = b.facts.some(
          (f) => f.kind === fa.kind && f.key === fa.key && f.value === fa.value && overlaps(f.subjects, fa.subjects),
        );
        if (agrees) continue;
        const id = `${articleId}:${a.span.start}:${otherArticleId}:${b.span.start}:${fa.kind}`;
        if (seen.has(id)) continue;
        seen.add(id);
        conflicts.push({
          articleId,
          start: a.span.start,
          end: a.span.end,
          text: a.span.text,
          otherArticleId,
          otherStart: b.span.start,
          otherEnd: b.span.end,
          otherText: b.span.text,
          kind: fa.kind,
          values: [fa.value, fb.value],
        });
      }
    }
  }
  return conflicts;
}

/**
 * For each article, the sentences whose facts (ages, event years and dates, counts,
 * pardon vs commutation) disagree with a sentence of another article about the same
 * subject. Each clash is reported once from each side.
 */
export function findConflicts(articles: ArticleInput[]): Conflict[] {
  const perArticle = articles.map(extractFacts);
  const conflicts: Conflict[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < perArticle.length; i++) {
    for (let j = 0; j < perArticle.length; j++) {
      if (i === j || articles[i].id === articles[j].id) continue;
      conflicts.push(...conflictsBetween(articles[i].id, perArticle[i], articles[j].id, perArticle[j], seen));
    }
  }
  return conflicts;
}
