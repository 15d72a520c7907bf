import { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/core/actor";
import { parseInput } from "@/lib/core/parse";
import { fail } from "@/lib/core/result";
import { noEvents, type WithEvents } from "@/lib/events";
import { addCitations, type ClaimDetail } from "@/lib/workflow";
import { expectedVersionSchema } from "@/lib/validations/claims";
import { matchesForClaim } from "./claim-matches";
import { MAX_LIMIT } from "./matcher";

export const ATTACH_KINDS = ["context", "supports", "refutes"] as const;

export const attachMatchSchema = z.object({
  url: z.string().trim().min(1, "Choose a match").max(2000),
  kind: z.enum(ATTACH_KINDS, { error: "Attach it as context, supports or refutes" }),
  expectedVersion: expectedVersionSchema,
});

/**
 * Attaches one of a claim's possible matches as a citation, in one step: the citation is built here
 * from the match as the server finds it (never from what the page sent), and goes through addCitations,
 * so the same rules, version check, audit and events hold as for any citation.
 */
export async function attachMatch(db: Db, actor: Actor, claimId: number, input: unknown): Promise<WithEvents<ClaimDetail>> {
  const parsed = parseInput(attachMatchSchema, input);
  if (!parsed.ok) return noEvents(parsed);
  const matches = matchesForClaim(db, claimId, MAX_LIMIT);
  if (matches === null) return noEvents(fail("not_found", `There is no claim #${claimId}.`));
  const match = matches.find((m) => m.url === parsed.value.url);
  if (!match) return noEvents(fail("invalid", "That fact-check is no longer among this claim's matches.", { fields: { url: ["Choose one of the matches listed"] } }));
  const title = match.headline ?? (match.source === "desk" ? `Factdesk claim #${match.claimId}` : match.claimReviewed.slice(0, 500));
  const rating = match.rating ? ` Rated: ${match.rating}.` : "";
  return addCitations(db, actor, claimId, {
    expectedVersion: parsed.value.expectedVersion,
    citations: [
      {
        kind: parsed.value.kind,
        url: match.url,
        title,
        publisher: match.author ?? (match.source === "desk" ? "Factdesk" : null),
        quote: `${match.claimReviewed}${rating}`.slice(0, 2000),
        accessedAt: new Date().toISOString(),
      },
    ],
  });
}
