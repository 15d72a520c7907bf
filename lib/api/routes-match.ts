import { z } from "zod";
import { CLAIM_STATES } from "@/lib/core/vocabulary";
import type { ApiRouteSpec } from "./route-spec";

export const matchSchema = z
  .object({
    url: z.string().meta({ description: "The fact-check's URL; a desk claim's public summary anchor when published, otherwise its desk page." }),
    claimReviewed: z.string().meta({ description: "The claim as the fact-checker worded it (a desk claim: its text)." }),
    headline: z.string().nullable(),
    rating: z.string().nullable().meta({ description: "The verdict as the fact-checker words it (reviewRating.alternateName); a desk claim's verdict once verified." }),
    author: z.string().nullable().meta({ description: "The fact-checking organisation." }),
    datePublished: z.string().nullable(),
    source: z.enum(["archive", "desk"]).meta({ description: "`archive`: an imported fact-check; `desk`: a claim on this desk (published, or in flight: a possible duplicate)." }),
    claimId: z.number().int().positive().optional(),
    state: z.enum(CLAIM_STATES).optional(),
    assignee: z.string().nullable().optional().meta({ description: "Desk claims: who has it." }),
    score: z.number().min(0).max(1).meta({ description: "Calibrated probability (on CLEF 2020 dev) that it settles the claim." }),
  })
  .meta({ description: "An earlier fact-check, or a claim on the desk, that may settle a claim." });
export const matchListSchema = z.object({ data: z.array(matchSchema) });

export const matchRequestSchema = z.object({
  text: z.string().trim().min(1, "Give the claim's text").max(5000, "Keep the text under 5000 characters"),
  limit: z.number().int().min(1).max(50).optional().meta({ description: "At most this many matches, 1–50 (default 5)." }),
});

const itemError = z.object({ index: z.number().int().min(0).meta({ description: "The item's position among the ClaimReviews found in the body (0-based)." }), message: z.string() });
export const importReportSchema = z
  .object({ imported: z.number().int(), updated: z.number().int(), skipped: z.number().int().meta({ description: "Already in the archive, unchanged." }), errors: z.array(itemError) })
  .meta({ description: "What an import did; a bad item is listed with its index and never stops the rest." });

export const importBodySchema = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .meta({ description: "ClaimReview JSON-LD: a ClaimReview, a DataFeed, an @graph object, or an array of ClaimReviews." });

/** The /api/v1 endpoints of this area; spread into the route table (lib/api/routes.ts). */
export const MATCH_ROUTES = {
  importFactchecks: {
    method: "POST",
    path: "/factchecks/import",
    tag: "Fact-checks",
    summary: "Import earlier fact-checks (schema.org ClaimReview JSON-LD)",
    description:
      "The body is JSON-LD: one ClaimReview, an array of them, an `@graph`, or a `DataFeed` whose `dataFeedElement[].item[]` hold them. `url` is the key: a review already imported is updated " +
      "(or counted as skipped when unchanged). Every item is judged on its own. Up to 1 MiB a request; send bigger archives in parts or use `npx factdesk factchecks:import`.",
    role: "editor",
    rule: "Importing fact-checks is for editors and admins.",
    body: importBodySchema,
    response: importReportSchema,
    errors: [400, 403, 413],
  },
  matchText: {
    method: "POST",
    path: "/match",
    tag: "Matching",
    summary: "Earlier fact-checks and desk claims matching a claim's text, best first",
    description: "Links, @handles, #hashtags and a trailing tweet signature are read as posts carry them. Every candidate BM25 finds is ranked; `score` says how likely each is to settle the claim.",
    role: "reporter",
    body: matchRequestSchema,
    response: matchListSchema,
    errors: [400, 422],
  },
  claimMatches: {
    method: "GET",
    path: "/claims/{id}/matches",
    tag: "Matching",
    summary: "A claim's possible matches: earlier fact-checks and other claims on the desk, best first",
    role: "reporter",
    query: z.object({ limit: z.coerce.number().int().min(1).max(50).optional().meta({ description: "1–50, default 5." }) }),
    response: matchListSchema,
    errors: [404, 422],
  },
} as const satisfies Record<string, ApiRouteSpec>;

/** Named request and response schemas of these endpoints, for the OpenAPI document's components. */
export const MATCH_REQUEST_SCHEMAS: Record<string, z.ZodType> = { MatchRequest: matchRequestSchema, FactcheckImport: importBodySchema };
export const MATCH_RESPONSE_SCHEMAS: Record<string, z.ZodType> = { Match: matchSchema, MatchList: matchListSchema, FactcheckImportReport: importReportSchema };
