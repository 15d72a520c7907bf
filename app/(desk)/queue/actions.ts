"use server";

import { serverAction } from "@/lib/actions/server-action";
import { bulkChange, type BulkOutcome } from "@/lib/workflow/bulk";

/*
 * The queue's bulk bar: bulkChange changes each claim through its own domain function and
 * transaction; the form lists every claim's outcome. The effects of the whole batch (pages
 * revalidated, notifications) run once afterwards, in serverAction.
 */
export const bulkChangeAction = serverAction(
  {
    role: "reporter",
    output: (outcome: BulkOutcome) => outcome,
    message: (outcome: BulkOutcome) =>
      outcome.refused === 0
        ? `${outcome.done} ${outcome.done === 1 ? "claim" : "claims"} done.`
        : `${outcome.done} done, ${outcome.refused} refused.`,
  },
  ({ db, actor }, input: unknown) => bulkChange(db, actor, input),
);
