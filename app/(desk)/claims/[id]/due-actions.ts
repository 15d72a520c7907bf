"use server";

import { serverAction } from "@/lib/actions/server-action";
import { explainStaleClaim } from "@/lib/actions/stale";
import { setDueDate } from "@/lib/deadlines/due-date";
import type { ClaimDetail } from "@/lib/workflow/types";
import type { ClaimOutcome } from "../actions";

const claimOutcome = (claim: ClaimDetail): ClaimOutcome => ({ claimId: claim.id, state: claim.state, version: claim.version });

/**
 * The claim page's due-date form: setDueDate decides (the rule, the date, the version) in one
 * transaction; a refusal because the claim changed meanwhile says what changed, the typed date kept.
 */
export const setDueDateAction = serverAction(
  { role: "reporter", output: claimOutcome, stale: explainStaleClaim(() => null) },
  ({ db, actor }, claimId: number, input: unknown) => setDueDate(db, actor, claimId, input),
);
