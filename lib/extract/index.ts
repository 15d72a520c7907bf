export { splitSentences, type SentenceSpan } from "./sentences";
export { isBoilerplate, markBoilerplate, type BoilerplateContext } from "./boilerplate";
export { scoreSentences, scoreLines, checkworthinessThreshold, type ScoreOptions } from "./model";
export { candidateSpan, extractCandidates, rankCandidates, type Candidate, type ExtractOptions } from "./candidates";
export {
  conflictsBetween,
  extractFacts,
  findConflicts,
  type ArticleInput,
  type Conflict,
  type ConflictKind,
  type Fact,
  type SentenceFacts,
} from "./conflicts";
