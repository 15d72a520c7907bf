"use server";

import { serverAction } from "@/lib/actions/server-action";
import { explainStaleClaim } from "@/lib/actions/stale";
import { ok } from "@/lib/core/result";
import { attachMatch } from "@/lib/match/attach";
import { matchText, type Match } from "@/lib/match";
import { parseInput } from "@/lib/core/parse";
import { z } from "zod";

const lookupSchema = z.object({ text: z.string().max(5000) });

/** Possible matches of a claim being written (the submit form's warning): archive fact-checks and desk claims. */
export const lookupMatchesAction = serverAction({ role: "reporter", output: (matches: Match[]) => matches }, ({ db }, input: unknown) => {
  const parsed = parseInput(lookupSchema, input);
  if (!parsed.ok) return parsed;
  const text = parsed.value.text.trim();
  return ok(text.length < 12 ? [] : matchText(db, text, { limit: 5, aboveThreshold: true }));
});

/** Attaches one of a claim's matches as a citation (context, supports or refutes) through addCitations. */
export const attachMatchAction = serverAction(
  { role: "reporter", output: (claim: { id: number; version: number }) => ({ claimId: claim.id, version: claim.version }), stale: explainStaleClaim("addCitation") },
  ({ db, actor }, claimId: number, input: unknown) => attachMatch(db, actor, claimId, input),
);
