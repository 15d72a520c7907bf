import { markBoilerplate } from "./boilerplate";
import { findConflicts, type ArticleInput, type Conflict } from "./conflicts";
import { scoreSentences } from "./model";
import { splitSentences, type SentenceSpan } from "./sentences";

export interface Candidate {
  text: string;
  /** Character offsets into the text passed to extractCandidates. */
  start: number;
  end: number;
  /** Check-worthiness in [0, 1]; 0 for boilerplate. */
  score: number;
  boilerplate: boolean;
  conflicts: Conflict[];
}

export interface ExtractOptions {
  /**
   * Other articles to check this one against; conflicts found are attached to the
   * sentences they concern. `id` names this article in the returned conflicts.
   */
  related?: ArticleInput[];
  id?: string;
  title?: string;
}

// Scraped pages often glue a dateline to the first sentence ("date 2022-08-02 Ivanka Trump’s ...").
const LEADING_DATELINE = /^(?:date|published|updated|posted)?\s*:?\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?\s+(?=\p{Lu})/iu;

/** A split sentence as a candidate shows it: without a dateline glued to its start. */
export function candidateSpan(s: SentenceSpan): SentenceSpan {
  const dateline = s.text.match(LEADING_DATELINE)?.[0].length ?? 0;
  return dateline === 0 ? s : { text: s.text.slice(dateline), start: s.start + dateline, end: s.end };
}

/** Every sentence of the text with offsets, check-worthiness score, boilerplate flag and conflicts. */
export function extractCandidates(text: string, options: ExtractOptions = {}): Candidate[] {
  const spans = splitSentences(text).map(candidateSpan);
  const boilerplate = markBoilerplate(text, spans);
  const contentIndexes = spans.map((_, i) => i).filter((i) => !boilerplate[i]);
  // Score real sentences among themselves so page chrome never serves as a neighbour.
  const contentScores = scoreSentences(contentIndexes.map((i) => spans[i].text));
  const scores = new Array<number>(spans.length).fill(0);
  contentIndexes.forEach((i, k) => {
    scores[i] = contentScores[k];
  });

  const conflicts = options.related?.length
    ? findConflicts([{ id: options.id ?? "", title: options.title ?? "", body: text }, ...options.related]).filter(
        (c) => c.articleId === (options.id ?? ""),
      )
    : [];

  return spans.map((s, i) => ({
    text: s.text,
    start: s.start,
    end: s.end,
    score: scores[i],
    boilerplate: boilerplate[i],
    conflicts: conflicts.filter((c) => c.start < s.end && c.end > s.start),
  }));
}

/** Non-boilerplate candidates, most check-worthy first (ties keep document order). */
export function rankCandidates(candidates: Candidate[]): Candidate[] {
  return candidates
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !c.boilerplate)
    .sort((a, b) => b.c.score - a.c.score || a.i - b.i)
    .map(({ c }) => c);
}
