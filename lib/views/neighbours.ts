import type { DbExecutor } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { encodeCursor } from "@/lib/core/cursor";
import { parseQuery } from "@/lib/core/parse";
import { queueListArgs } from "@/lib/export/queue-list";
import { queueQuerySchema } from "@/lib/validations/claims";
import { claimRowsByIds, claimSortPosition, listClaimRows } from "@/lib/workflow";
import { normalizeViewQuery } from "./views";

/** A neighbour of a claim in a queue view: where its link goes and what it says. */
export interface ViewNeighbour {
  id: number;
  text: string;
  /** The claim page, still in the same view (`?view=`). */
  href: string;
}

export interface ViewNeighbours {
  /** The view's query as the queue writes it (no cursor): `/queue?<query>` opens the view again. */
  query: string;
  previous: ViewNeighbour | null;
  next: ViewNeighbour | null;
}

/** A claim page in a view: the view travels as `?view=<the queue's query>`. */
export function claimInViewHref(claimId: number, query: string): string {
  return `/claims/${claimId}?view=${encodeURIComponent(query)}`;
}

/**
 * The claims before and after `claimId` in the queue view `view` (the queue's query string), as
 * `actor` sees that view: the queue's own list (same filters, order and scope, `assigned=me` and
 * `actionable=1` included), read from the claim's position in the view's order rather than from the
 * claim's row in it. So a claim that has just left the view (a draft reviewed in a "drafts" view)
 * still has the neighbours it had: next is the claim that followed it. Null when the view is not a
 * queue query or the claim does not exist.
 */
export async function viewNeighbours(db: DbExecutor, actor: Pick<Actor, "id" | "role">, claimId: number, view: string): Promise<ViewNeighbours | null> {
  const normalized = normalizeViewQuery(view);
  if (!normalized.ok) return null;
  const parsed = parseQuery(queueQuerySchema, new URLSearchParams(normalized.value));
  if (!parsed.ok) return null;
  const [claim] = await claimRowsByIds(db, [claimId]);
  if (!claim) return null;
  const { filters, viewer } = queueListArgs(actor, { ...parsed.value, cursor: undefined, limit: undefined }, { scope: "queue" });
  const order = filters.sort ?? "oldest";
  const beside = async (before: boolean): Promise<ViewNeighbour | null> => {
    const cursor = encodeCursor({ order, position: claimSortPosition(claim, order), before });
    const page = await listClaimRows(db, filters, { cursor, limit: 1 }, viewer);
    const row = page.ok ? page.value.data[0] : undefined;
    return row ? { id: row.id, text: row.text, href: claimInViewHref(row.id, normalized.value) } : null;
  };
  return { query: normalized.value, previous: await beside(true), next: await beside(false) };
}
