import type { Actor } from "@/lib/core/actor";
import type { ClaimFilters, PageInput, QueueQuery } from "@/lib/validations/claims";
import { queueFilters, type ListViewer } from "@/lib/workflow";

/** What the claim list reads for a queue query: its filters, its page and who it is for. */
export interface QueueListArgs {
  filters: ClaimFilters;
  page: PageInput;
  viewer: ListViewer;
}

/**
 * Resolves the queue's query for `actor`, the one mapping shared by the queue page, its CSV export
 * and GET /api/v1/claims: `assigned=me` is the assignee filter with the viewer's id, `actionable=1`
 * asks the rules about each claim for the viewer. `scope: "queue"` also applies the queue's own
 * scope (a reporter's queue holds their own claims, queueFilters); the API lists what the token may read.
 */
export function queueListArgs(actor: Pick<Actor, "id" | "role">, query: QueueQuery, options: { scope: "queue" | "api" }): QueueListArgs {
  const { cursor, limit, assigned, actionable, ...requested } = query;
  const mapped: ClaimFilters = assigned === "me" ? { ...requested, assigneeId: actor.id } : requested;
  return {
    filters: options.scope === "queue" ? queueFilters(actor, mapped) : mapped,
    page: { cursor, limit },
    viewer: actionable ? { actionableBy: actor } : {},
  };
}
