/*
 * The words of the desk, defined once: who can act (roles), where a claim stands (states), what an
 * editor can conclude (verdicts), what a source does for a claim (citation kinds) and what a sign-off
 * records (actions), each with the label people read. The schema, the rules, the screens and the
 * public pages all take them from here.
 */

export const ROLES = ["reporter", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABEL: Record<Role, string> = { reporter: "Reporter", editor: "Editor", admin: "Admin" };

export const CLAIM_STATES = ["draft", "reviewed", "verified"] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];
export const CLAIM_STATE_LABEL: Record<ClaimState, string> = { draft: "Draft", reviewed: "Reviewed", verified: "Verified" };

export const VERDICTS = ["true", "mostly-true", "mixed", "misleading", "false", "unsupported"] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABEL: Record<Verdict, string> = {
  true: "True",
  "mostly-true": "Mostly true",
  mixed: "Mixed",
  misleading: "Misleading",
  false: "False",
  unsupported: "Unsupported",
};

export const CITATION_KINDS = ["origin", "supports", "refutes", "context"] as const;
export type CitationKind = (typeof CITATION_KINDS)[number];
/** How the desk's forms describe each kind, to the person choosing one. */
export const CITATION_KIND_LABEL: Record<CitationKind, string> = {
  origin: "Origin: where the claim was made",
  supports: "Supports the claim",
  refutes: "Refutes the claim",
  context: "Context",
};
/** The short words a published summary shows beside each source. */
export const CITATION_KIND_SHORT_LABEL: Record<CitationKind, string> = {
  origin: "Where the claim was made",
  supports: "Supports",
  refutes: "Refutes",
  context: "Context",
};

export const SIGNOFF_ACTIONS = ["submit", "review", "verify", "return"] as const;
export type SignoffAction = (typeof SIGNOFF_ACTIONS)[number];
/** A sign-off as history tells it. */
export const SIGNOFF_ACTION_LABEL: Record<SignoffAction, string> = {
  submit: "Submitted",
  review: "Reviewed",
  verify: "Verified",
  return: "Returned to draft",
};

export const SESSION_END_REASONS = [
  "sign-out",
  "signed-out-elsewhere",
  "ended-by-admin",
  "password-changed",
  "password-reset",
  "disabled",
  "role-changed",
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** The one-time links an admin hands out: an invitation to set a first password, or a reset. */
export const ONE_TIME_LINK_KINDS = ["invite", "reset"] as const;
export type OneTimeLinkKind = (typeof ONE_TIME_LINK_KINDS)[number];
