import type { CitationKind, ClaimState, SignoffAction, Verdict } from "@/lib/core/vocabulary";

/** A citation as the UI and the API show it. */
export interface CitationView {
  id: number;
  claimId: number;
  kind: CitationKind;
  url: string | null;
  documentRef: string | null;
  title: string;
  publisher: string | null;
  quote: string;
  /** sha256 of the quote when it was attached; sign-offs keep their own copy. */
  quoteHash: string;
  accessedAt: string;
  articleId: number | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  addedById: number;
  createdAt: string;
}

export interface SignoffView {
  id: number;
  action: SignoffAction;
  fromState: ClaimState | null;
  toState: ClaimState;
  userId: number;
  userName: string;
  note: string;
  verdict: Verdict | null;
  /** The claim's version right after this sign-off: the text it approved. */
  claimVersion: number;
  textHash: string;
  round: number;
  createdAt: string;
  hash: string;
  citationIds: number[];
}

/** A claim in lists, and the base of the detail (the public API contract). */
export interface ClaimListItem {
  id: number;
  text: string;
  textHash: string;
  state: ClaimState;
  verdict: Verdict | null;
  version: number;
  round: number;
  articleId: number | null;
  submitterId: number;
  submitterName: string;
  assigneeId: number | null;
  assigneeName: string | null;
  /** Who signed the review of the current round, if any (the two-person rule needs it). */
  currentReviewerId: number | null;
  createdAt: string;
  updatedAt: string;
  /** When the check is due (UTC instant); null: judged against the desk's target for its state (lib/deadlines). */
  dueAt: string | null;
  /** When it entered its current state (the latest sign-off). */
  enteredStateAt: string | null;
  citations: CitationView[];
  /** Oldest first. */
  signoffs: SignoffView[];
}

/**
 * A claim's own row, without its citations, sign-offs or the facts derived from them: what a table of
 * claims shows (text, state, verdict, article, people, times), in one query per page.
 */
export type ClaimRowView = Omit<ClaimListItem, "citations" | "signoffs" | "currentReviewerId">;

export interface RevisionView {
  version: number;
  text: string;
  textHash: string;
  editedById: number;
  editedByName: string;
  /** Why the text was changed; null for the submitted text (version 1) and edits without a note. */
  note: string | null;
  createdAt: string;
}

export interface AssignmentView {
  id: number;
  assigneeId: number | null;
  assigneeName: string | null;
  assignedById: number;
  assignedByName: string;
  createdAt: string;
}

export interface DueChangeView {
  id: number;
  /** null: cleared. */
  dueAt: string | null;
  previousDueAt: string | null;
  changedById: number;
  changedByName: string;
  createdAt: string;
}

export interface ClaimDetail extends ClaimListItem {
  articleTitle: string | null;
  /** Every text the claim has had, oldest first (version 1 is the submitted text). */
  revisions: RevisionView[];
  /** Oldest first. */
  assignments: AssignmentView[];
  /** Every due date it was given (at submit or later), oldest first. */
  dueChanges: DueChangeView[];
}

export interface ClaimPage {
  data: ClaimListItem[];
  nextCursor: string | null;
  /** Null on the first page. */
  prevCursor: string | null;
}

/** A page of claim rows (listClaimRows): the same filters, order and cursors as ClaimPage. */
export interface ClaimRowPage {
  data: ClaimRowView[];
  nextCursor: string | null;
  /** Null on the first page. */
  prevCursor: string | null;
}

/** `atLeast`: which counts are lower bounds (only the first candidates were weighed by the rules). */
export type ClaimCounts = Record<ClaimState, number> & { total: number; atLeast?: Partial<Record<ClaimState | "total", boolean>> };
