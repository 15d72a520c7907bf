import type { ClaimState, SignoffAction, Verdict } from "@/lib/core/vocabulary";
import type { EventKind } from "./kinds";

/*
 * What a domain function tells the rest of the app it changed. Each event names what it is about
 * (claim, article, summary), who did it and when, and carries just enough for its consumers to act
 * without re-deriving the change: the page revalidation today; notifications, webhooks and live
 * streams next. Consumers may read the database for more, but never change claims.
 */

interface Happened {
  actorId: number;
  at: string;
}

/** Claim events name the claim's article (or null), so consumers of an article need no lookup. */
interface AboutClaim extends Happened {
  claimId: number;
  articleId: number | null;
  /** The claim's version after the change. */
  version: number;
}

export interface ArticleAdded extends Happened {
  kind: "article.added";
  articleId: number;
  title: string;
}

export interface ClaimSubmitted extends AboutClaim {
  kind: "claim.submitted";
}

export interface ClaimEdited extends AboutClaim {
  kind: "claim.edited";
}

export interface ClaimTransitioned extends AboutClaim {
  kind: "claim.transitioned";
  action: Exclude<SignoffAction, "submit">;
  from: ClaimState;
  to: ClaimState;
  /** The round after the change: a return starts the next one. */
  round: number;
  verdict: Verdict | null;
}

export interface ClaimAssigned extends AboutClaim {
  kind: "claim.assigned";
  /** null: unassigned. */
  assigneeId: number | null;
  previous: number | null;
}

export interface ClaimCited extends AboutClaim {
  kind: "claim.cited";
  citationIds: number[];
}

/** A claim's due date was set, changed or cleared (a versioned change, like an assignment). */
export interface ClaimDueChanged extends AboutClaim {
  kind: "claim.due_changed";
  /** null: cleared. UTC instants. */
  dueAt: string | null;
  previous: string | null;
}

/**
 * The due-soon scanner (lib/deadlines/scanner.ts) saw a claim assigned to someone come within the
 * due-soon window of its deadline; recorded once per claim and deadline. Does not change the claim
 * (no version). `actorId` is the assignee it is meant for: nobody acted.
 */
export interface ClaimDueSoon extends Happened {
  kind: "claim.due_soon";
  claimId: number;
  articleId: number | null;
  assigneeId: number;
  state: ClaimState;
  /** The deadline: the due date, or (source "target") the time it entered its state plus the desk's target for it. */
  deadline: string;
  source: "due" | "target";
}

export interface SummaryPublished extends Happened {
  kind: "summary.published";
  summaryId: number;
  articleId: number;
  slug: string;
  /** 1 for the first publication; above it a correction (or a reinstatement after a withdrawal). */
  version: number;
}

export interface SummaryWithdrawn extends Happened {
  kind: "summary.withdrawn";
  summaryId: number;
  articleId: number;
  slug: string;
  /** The version that was up when it was withdrawn. */
  version: number;
}

/** Comments are about a claim but do not change it: no claim version. */
interface AboutComment extends Happened {
  claimId: number;
  articleId: number | null;
  commentId: number;
  /** The user ids the comment mentions (after the change). */
  mentions: number[];
}

export interface CommentAdded extends AboutComment {
  kind: "comment.added";
}

export interface CommentEdited extends AboutComment {
  kind: "comment.edited";
  /** Mentioned by this edit and not before it. */
  newMentions: number[];
}

export interface CommentDeleted extends AboutComment {
  kind: "comment.deleted";
}

export type DomainEvent =
  | ArticleAdded
  | ClaimSubmitted
  | ClaimEdited
  | ClaimTransitioned
  | ClaimAssigned
  | ClaimCited
  | ClaimDueChanged
  | ClaimDueSoon
  | SummaryPublished
  | SummaryWithdrawn
  | CommentAdded
  | CommentEdited
  | CommentDeleted;

/** An event as the outbox holds it: its id orders it among all others and never changes. */
export type RecordedEvent = DomainEvent & { id: number };

type WithoutTime<E> = E extends DomainEvent ? Omit<E, "at"> & { at?: string } : never;
/** What a domain function records: the time defaults to now. */
export type NewEvent = WithoutTime<DomainEvent>;

// Every kind in the vocabulary has its shape here, and no shape lacks a kind.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyKindHasAShape: Same<DomainEvent["kind"], EventKind> = true;
void everyKindHasAShape;
