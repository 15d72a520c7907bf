export { splitSentences, type SentenceSpan } from "./sentences";
export { isBoilerplate, markBoilerplate, type BoilerplateContext } from "./boilerplate";
export { scoreSentences, scoreLines, checkworthinessThreshold, type ScoreOptions } from "./model";
export { extractCandidates, rankCandidates, type Candidate, type ExtractOptions } from "./candidates";
export { findConflicts, type ArticleInput, type Conflict, type ConflictKind } from "./conflicts";
