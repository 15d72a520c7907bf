import type { ClaimState } from "@/lib/core/vocabulary";
import type { CitationView, ClaimListItem, SignoffView } from "./types";

/*
 * What a claim's sign-offs mean, defined once. The rules' facts for a mutation (claim-store.ts), the
 * claim page and API (getClaimDetail), the queue (listClaims) and publishing (lib/publish reads claims
 * through queries.ts) all derive "who reviewed this round", "who verified it", "which sources a
 * sign-off rests on" and "does the verdict still stand" from these functions and nowhere else.
 *
 * Every function takes a claim's sign-offs oldest first, as every read in queries.ts returns them.
 */

/** The sign-offs a claim's current round rests on. */
export interface RoundSignoffs<S> {
  /** The claim's first submit, whatever the round (the submitter never changes). */
  submit: S | null;
  /** The latest review signed in the round; a return starts a new round, so earlier reviews no longer count. */
  review: S | null;
  /** The latest verify signed in the round: the sign-off the verdict rests on. */
  verify: S | null;
}

export function roundSignoffs<S extends Pick<SignoffView, "action" | "round">>(signoffs: readonly S[], round: number): RoundSignoffs<S> {
  const found: RoundSignoffs<S> = { submit: null, review: null, verify: null };
  for (const signoff of signoffs) {
    if (signoff.action === "submit") found.submit ??= signoff;
    else if (signoff.round !== round) continue;
    else if (signoff.action === "review") found.review = signoff;
    else if (signoff.action === "verify") found.verify = signoff;
  }
  return found;
}

/** Who signed the review of `round` (the two-person rule keeps them from verifying it); null before a review. */
export function reviewerOfRound(signoffs: ReadonlyArray<Pick<SignoffView, "action" | "round" | "userId">>, round: number): number | null {
  return roundSignoffs(signoffs, round).review?.userId ?? null;
}

/**
 * When a sign-off first rested on each citation, by citation id. A citation missing from the map was
 * attached but never signed: nobody has vouched for it yet.
 */
export function citationsFirstSigned(signoffs: ReadonlyArray<Pick<SignoffView, "createdAt" | "citationIds">>): Map<number, string> {
  const first = new Map<number, string>();
  for (const signoff of signoffs) {
    for (const citationId of signoff.citationIds) {
      const at = first.get(citationId);
      if (at === undefined || signoff.createdAt < at) first.set(citationId, signoff.createdAt);
    }
  }
  return first;
}

/** The ids of the citations some sign-off of the claim rests on. */
export function signedCitationIds(signoffs: ReadonlyArray<Pick<SignoffView, "createdAt" | "citationIds">>): Set<number> {
  return new Set(citationsFirstSigned(signoffs).keys());
}

/** The claim's citations some sign-off rests on, in the claim's order (oldest first). */
export function signedCitations(claim: Pick<ClaimListItem, "citations" | "signoffs">): CitationView[] {
  const signed = signedCitationIds(claim.signoffs);
  return claim.citations.filter((citation) => signed.has(citation.id));
}

/**
 * A verdict reached in `round` still stands while the claim is verified in that same round. Once it is
 * returned (a new round), it no longer does, whatever state the claim reaches afterwards.
 */
export function verdictStands(now: { state: ClaimState; round: number } | undefined, round: number): boolean {
  return now !== undefined && now.state === "verified" && now.round === round;
}

/**
 * When the claim entered its current state: the time of its latest sign-off, since the state changes
 * only by sign-off (submit, review, verify, return). Edits, assignments and citations do not move it.
 */
export function enteredStateAt(signoffs: ReadonlyArray<Pick<SignoffView, "createdAt">>): string | null {
  return signoffs.at(-1)?.createdAt ?? null;
}

/**
 * The return that started the claim's current round, when its latest sign-off is one: who sent it
 * back, when, and why (the note). Null for a claim that has moved on since, or was never returned.
 */
export function currentReturn<S extends Pick<SignoffView, "action">>(signoffs: readonly S[]): S | null {
  const last = signoffs.at(-1);
  return last?.action === "return" ? last : null;
}

/** The most recent return of the claim, whatever happened after it (the claim page shows the previous round's reason). */
export function latestReturn<S extends Pick<SignoffView, "action">>(signoffs: readonly S[]): S | null {
  for (let i = signoffs.length - 1; i >= 0; i--) if (signoffs[i]!.action === "return") return signoffs[i]!;
  return null;
}
