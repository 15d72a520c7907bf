"use server";

import { serverAction, type StaleExplainer } from "@/lib/actions/server-action";
import { setDueDate } from "@/lib/deadlines/due-date";
import { changesSince } from "@/lib/workflow/changes-since";
import { getClaimDetail } from "@/lib/workflow/queries";
import { canChangeDueDate } from "@/lib/workflow/rules";
import type { ClaimDetail } from "@/lib/workflow/types";
import type { ClaimOutcome } from "../actions";

const claimOutcome = (claim: ClaimDetail): ClaimOutcome => ({ claimId: claim.id, state: claim.state, version: claim.version });

/** A due date refused because the claim changed since the form saw it: what changed, and whether the same date may go on the version now current. */
const staleDueDate: StaleExplainer<[number, unknown]> = async ({ db, actor }, error, claimId, input) => {
  const seenVersion = (input as { expectedVersion?: unknown } | null)?.expectedVersion;
  if (error.code !== "conflict" || typeof seenVersion !== "number" || typeof error.details?.currentVersion !== "number" || error.details.currentVersion === seenVersion) return null;
  const claim = await getClaimDetail(db, claimId);
  if (!claim) return null;
  return { seenVersion, currentVersion: claim.version, state: claim.state, changes: await changesSince(db, claim.id, seenVersion), retry: canChangeDueDate(claim, actor) };
};

/**
 * The claim page's due-date form: setDueDate decides (the rule, the date, the version) in one
 * transaction; a refusal because the claim changed meanwhile says what changed and offers the typed date again.
 */
export const setDueDateAction = serverAction(
  { role: "reporter", output: claimOutcome, stale: staleDueDate },
  ({ db, actor }, claimId: number, input: unknown) => setDueDate(db, actor, claimId, input),
);
