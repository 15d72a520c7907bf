"use server";

import { serverAction } from "@/lib/actions/server-action";
import { explainStaleClaim } from "@/lib/actions/stale";
import { ok } from "@/lib/core/result";
import { attachMatch } from "@/lib/match/attach";
import { importItems, type ImportReport } from "@/lib/factchecks";
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

const chunkSchema = z.object({
  entries: z.array(z.object({ index: z.number().int().min(0), item: z.unknown() })).max(1000, "Send at most 1000 items at a time"),
});

/**
 * One part of an uploaded file (the upload page reads the file and sends it in parts, for its progress
 * bar): each entry carries the item's index in the whole file, so errors name it where it stood.
 */
export const importFactchecksChunkAction = serverAction(
  { role: "editor", output: (report: ImportReport) => report, revalidate: ["/factchecks"] },
  ({ db, actor }, input: unknown) => {
    const parsed = parseInput(chunkSchema, input);
    if (!parsed.ok) return parsed;
    const { entries } = parsed.value;
    const report = importItems(db, actor, entries.map((e) => e.item));
    return ok({ ...report, errors: report.errors.map((e) => ({ index: entries[e.index].index, message: e.message })) });
  },
);
