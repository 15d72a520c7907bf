import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { parseInput } from "@/lib/core/parse";
import { fail, httpStatus, ok, type Result } from "@/lib/core/result";
import type { RecordedEvent } from "@/lib/events/types";
import { followClaim, unfollowClaim } from "@/lib/follows/follows";
import { setDueDate } from "@/lib/deadlines/due-date";
import { bulkChangeSchema, CLAIMS_OR_IDS, NEEDS_ASSIGNEE, NEEDS_CLAIMS, NEEDS_DUE_AT, NEEDS_REASON, type BulkAction } from "./bulk-schema";
import { assignClaim } from "./assign";
import { transitionClaim } from "./transition";

/*
 * Bulk changes: many claims, each changed through the same domain function its single screen and
 * API call use (assignClaim, setDueDate, transitionClaim, followClaim), each in its own transaction. The answer
 * lists every claim's outcome with the status the single call would have got, so a refusal for one
 * claim (a stale version, a rule) never hides behind the others' success, and never undoes them.
 */

export { BULK_ACTIONS, BULK_MAX_CLAIMS, bulkChangeSchema, type BulkAction, type BulkChangeInput } from "./bulk-schema";

export interface BulkItemResult {
  claimId: number;
  ok: boolean;
  /** The HTTP status the single call would have answered: 200, 403, 404, 409, 422 (500 for an unexpected failure). */
  status: number;
  /** Why it was refused, in words a person can act on. */
  error?: string;
  /** The refusal's code (forbidden, not_found, conflict, invalid). */
  code?: string;
  /** The claim's version after the change. */
  version?: number;
}

export interface BulkOutcome {
  action: BulkAction;
  results: BulkItemResult[];
  /** How many were done and refused, for a summary line. */
  done: number;
  refused: number;
}

/** A bulk change's Result with the events its committed changes recorded (applyEffects runs once after the batch). */
export type BulkResult = Result<BulkOutcome> & { events: readonly RecordedEvent[] };

/** Each claim's origin citations (where the claim was made), by claim id. */
async function citationsOfClaims(db: Db, claimIds: readonly number[]): Promise<{ origin: Map<number, number[]>; owner: Map<number, number>; claims: Set<number> }> {
  const origin = new Map<number, number[]>();
  const owner = new Map<number, number>();
  const claims = new Set<number>();
  if (claimIds.length === 0) return { origin, owner, claims };
  const { citations } = tablesOf(db);
  const rows = await db.select({ id: citations.id, claimId: citations.claimId, kind: citations.kind }).from(citations).where(inArray(citations.claimId, [...claimIds]));
  for (const row of rows) {
    owner.set(row.id, row.claimId);
    claims.add(row.claimId);
    if (row.kind === "origin") origin.set(row.claimId, [...(origin.get(row.claimId) ?? []), row.id]);
  }
  return { origin, owner, claims };
}

/**
 * Applies one action to every claim named, in order, each in its own transaction through the
 * single-claim domain function. The batch itself is refused (422) only when the request is malformed
 * (unknown action, no claims, both or neither of `claims` and `claimIds`, more than BULK_MAX_CLAIMS,
 * a missing assignee, reason or due date); otherwise it answers ok with one result per distinct claim id.
 * `claims` carries the version the person saw (stale ones refused, 409); `claimIds` takes each claim
 * at its version when its turn comes, so it cannot notice a change made meanwhile.
 */
export async function bulkChange(db: Db, actor: Actor, input: unknown): Promise<BulkResult> {
  const parsed = parseInput(bulkChangeSchema, input);
  if (!parsed.ok) return { ...parsed, events: [] };
  const { action, assigneeId, note, citationIds, dueAt, claims: withVersions, claimIds } = parsed.value;
  if (withVersions !== undefined && claimIds !== undefined) {
    return { ...fail("invalid", CLAIMS_OR_IDS, { fields: { claimIds: [CLAIMS_OR_IDS] } }), events: [] };
  }
  if (withVersions === undefined && claimIds === undefined) {
    return { ...fail("invalid", NEEDS_CLAIMS, { fields: { claims: [NEEDS_CLAIMS] } }), events: [] };
  }
  if (action === "due" && dueAt === undefined) {
    return { ...fail("invalid", NEEDS_DUE_AT, { fields: { dueAt: [NEEDS_DUE_AT] } }), events: [] };
  }
  if (action === "assign" && assigneeId == null) {
    return { ...fail("invalid", NEEDS_ASSIGNEE, { fields: { assigneeId: [NEEDS_ASSIGNEE] } }), events: [] };
  }
  if (action === "return" && !note) {
    return { ...fail("invalid", NEEDS_REASON, { fields: { note: [NEEDS_REASON] } }), events: [] };
  }

  const seen = new Set<number>();
  // claimIds: no version was seen, so each claim is taken at the version it has when its turn comes (read just before its change).
  const sent: Array<{ id: number; expectedVersion?: number; current?: true }> = withVersions ?? claimIds!.map((claimId) => ({ id: claimId, current: true }));
  const refs = sent.filter((ref) => (seen.has(ref.id) ? false : (seen.add(ref.id), true)));
  const cited = action === "return" ? await citationsOfClaims(db, refs.map((ref) => ref.id)) : null;

  const events: RecordedEvent[] = [];
  const results: BulkItemResult[] = [];
  // One claim after another: each claim's transaction commits before the next one starts.
  for (const ref of refs) results.push(await changeOne(ref));
  const done = results.filter((result) => result.ok).length;
  return { ...ok({ action, results, done, refused: results.length - done }), events };

  async function changeOne({ id: claimId, expectedVersion: seenVersion, current }: (typeof refs)[number]): Promise<BulkItemResult> {
    try {
      const expectedVersion = current ? await currentVersion(db, claimId) : seenVersion;
      if (current && expectedVersion === undefined) return refused(claimId, { code: "not_found", message: `There is no claim #${claimId}` });
      switch (action) {
        case "assign":
        case "unassign": {
          const changed = await assignClaim(db, actor, claimId, { assigneeId: action === "assign" ? assigneeId : null, expectedVersion });
          events.push(...changed.events);
          return changed.ok ? { claimId, ok: true, status: 200, version: changed.value.version } : refused(claimId, changed.error);
        }
        case "due": {
          const changed = await setDueDate(db, actor, claimId, { dueAt: dueAt ?? null, expectedVersion });
          events.push(...changed.events);
          return changed.ok ? { claimId, ok: true, status: 200, version: changed.value.version } : refused(claimId, changed.error);
        }
        case "return": {
          // Every claim has its origin citation (submit requires one): no citations means no such claim.
          if (!cited!.claims.has(claimId)) return refused(claimId, { code: "not_found", message: `There is no claim #${claimId}` });
          const named = (citationIds ?? []).filter((citationId) => cited!.owner.get(citationId) === claimId);
          const restsOn = named.length > 0 ? named : (cited!.origin.get(claimId) ?? []);
          const changed = await transitionClaim(db, actor, claimId, { action: "return", note, citationIds: restsOn, expectedVersion });
          events.push(...changed.events);
          return changed.ok ? { claimId, ok: true, status: 200, version: changed.value.version } : refused(claimId, changed.error);
        }
        case "follow":
        case "unfollow": {
          const done = action === "follow" ? await followClaim(db, actor.id, claimId) : await unfollowClaim(db, actor.id, claimId);
          return done ? { claimId, ok: true, status: 200 } : refused(claimId, { code: "not_found", message: `There is no claim #${claimId}` });
        }
      }
    } catch (error) {
      console.error("bulk change failed for claim", claimId, error);
      return { claimId, ok: false, status: 500, code: "internal", error: "Something went wrong with this claim; it was not changed" };
    }
  }
}

/** A claim's version now, or undefined when there is no such claim. */
async function currentVersion(db: Db, claimId: number): Promise<number | undefined> {
  const { claims } = tablesOf(db);
  return (await firstRow(db.select({ version: claims.version }).from(claims).where(eq(claims.id, claimId))))?.version;
}

function refused(claimId: number, error: { code: Parameters<typeof httpStatus>[0]; message: string; fields?: Record<string, string[]> }): BulkItemResult {
  // A missing version or citation is a field error of the single call: say which.
  const field = error.fields ? Object.values(error.fields).flat()[0] : undefined;
  const message = error.code === "invalid" && field && field !== error.message ? `${error.message}: ${field}` : error.message;
  return { claimId, ok: false, status: httpStatus(error.code), code: error.code, error: message };
}
