import type { CitationKind, Verdict } from "@/lib/core/vocabulary";

/*
 * A publication's snapshot: everything the public page shows about its claims, frozen at publish
 * time (stored as JSON in `publications.snapshot`; the table refuses UPDATE and DELETE). Later
 * changes to a claim never alter a published version; they show up as a new version.
 */

export const SNAPSHOT_FORMAT = 1;

export interface SnapshotCitation {
  id: number;
  kind: CitationKind;
  url: string | null;
  documentRef: string | null;
  title: string;
  publisher: string | null;
  quote: string;
  accessedAt: string;
}

export interface SnapshotPerson {
  name: string;
  at: string;
}

export interface SnapshotClaim {
  id: number;
  text: string;
  textHash: string;
  verdict: Verdict;
  /** The workflow round the verdict was reached in; a return starts a new one. */
  round: number;
  claimVersion: number;
  /** The verifier's note: why this verdict. */
  explanation: string;
  submittedBy: SnapshotPerson | null;
  reviewedBy: SnapshotPerson | null;
  verifiedBy: SnapshotPerson;
  /** Where the claim was made (its origin citation), for ClaimReview `itemReviewed.appearance`. */
  appearance: {
    url: string | null;
    title: string;
    publisher: string | null;
    quote: string;
    datePublished: string | null;
  } | null;
  citations: SnapshotCitation[];
}

export interface SummarySnapshot {
  format: typeof SNAPSHOT_FORMAT;
  article: {
    id: number;
    title: string;
    sourceUrl: string | null;
    publisher: string | null;
    publishedAt: string | null;
  };
  claims: SnapshotClaim[];
  /** Set on the version that put a withdrawn summary back up: the withdrawal it ended. */
  reinstated?: { withdrawnAt: string; reason: string };
}

export type ChangeKind = "added" | "removed" | "verdict" | "text" | "sources" | "explanation" | "title" | "introduction" | "reinstated";

export interface SummaryChange {
  kind: ChangeKind;
  claimId?: number;
  /** One line a reader understands, e.g. `Verdict changed from “True” to “Mixed”: “…claim…”`. */
  description: string;
}

export interface CorrectionEntry {
  version: number;
  publishedAt: string;
  note: string;
  changes: SummaryChange[];
}

export interface VersionRef {
  version: number;
  publishedAt: string;
  title: string;
}

export interface PublicClaim extends SnapshotClaim {
  /** The claim was returned to the workflow after this version was published (current version only). */
  underReReview: boolean;
  /** When this verdict on this claim was first published (ClaimReview `datePublished`). */
  firstPublishedAt: string;
}

/** One version of a summary as the public sees it, plus live state for the current version. */
export interface PublicSummary {
  slug: string;
  articleId: number;
  version: number;
  currentVersion: number;
  isCurrent: boolean;
  title: string;
  introduction: string;
  correctionNote: string | null;
  publishedAt: string;
  publishedBy: string;
  firstPublishedAt: string;
  article: SummarySnapshot["article"];
  claims: PublicClaim[];
  withdrawn: { at: string; reason: string } | null;
  corrections: CorrectionEntry[];
  versions: VersionRef[];
  reinstated: SummarySnapshot["reinstated"] | null;
}

export interface PublicSummaryListItem {
  slug: string;
  title: string;
  introduction: string;
  version: number;
  firstPublishedAt: string;
  updatedAt: string;
  claimCount: number;
  verdicts: Partial<Record<Verdict, number>>;
  withdrawn: boolean;
}
