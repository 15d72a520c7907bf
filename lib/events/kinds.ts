/**
 * What happened, as the outbox names it: one kind for each change a domain function commits. Kept
 * free of imports so the schema can type its column with it.
 */
export const EVENT_KINDS = [
  "article.added",
  "claim.submitted",
  "claim.edited",
  "claim.transitioned",
  "claim.assigned",
  "claim.cited",
  "claim.due_changed",
  "claim.due_soon",
  "summary.published",
  "summary.withdrawn",
  "comment.added",
  "comment.edited",
  "comment.deleted",
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];
