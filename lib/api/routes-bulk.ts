import { z } from "zod";
import { BULK_ACTIONS, BULK_MAX_CLAIMS, bulkChangeSchema } from "@/lib/workflow/bulk-schema";
import type { ApiRouteSpec } from "./route-spec";

const id = z.number().int().positive();

export const bulkItemResultSchema = z
  .object({
    claimId: id,
    ok: z.boolean(),
    status: z.number().int().meta({ description: "The HTTP status the single call would have answered: 200, 403, 404, 409, 422." }),
    code: z.string().optional().meta({ description: "The refusal's code: forbidden, not_found, conflict, invalid." }),
    error: z.string().optional().meta({ description: "Why this claim was refused (a stale version, a rule), in words." }),
    version: z.number().int().optional().meta({ description: "The claim's version after the change (assign, unassign, return)." }),
  })
  .meta({ description: "One claim's outcome in a bulk change." });

export const bulkOutcomeSchema = z
  .object({
    action: z.enum(BULK_ACTIONS),
    results: z.array(bulkItemResultSchema).meta({ description: "One per distinct claim id, in the order sent." }),
    done: z.number().int(),
    refused: z.number().int(),
  })
  .meta({ description: "Every claim's outcome: a bulk change is never all-or-nothing; check each result's `ok`." });

/** The /api/v1 endpoints for bulk changes to many claims; spread into the route table (lib/api/routes.ts). */
export const BULK_ROUTES = {
  bulkChangeClaims: {
    method: "POST",
    path: "/claims/bulk",
    tag: "Claims",
    summary: "Change many claims at once (assign, unassign, due, return, follow, unfollow)",
    description:
      `Each claim is changed through the same rules as its single endpoint, in its own transaction, and answered in \`results\` with the status that call would have got: a stale \`expectedVersion\` (409) or a rule's refusal (403) refuses that claim only. ` +
      `Name the claims in one of two ways, exactly one per request (both or neither is a 422): \`claims: [{id, expectedVersion}]\` with the version you saw, so a claim changed since is refused (409) on its own (assign, unassign, due and return need \`expectedVersion\`; follow does not); ` +
      `or \`claimIds: [id, …]\`, which changes each claim at the version it has when its turn comes: convenient for scripts, but a change someone made meanwhile is not detected, so use \`claims\` when the request follows what a person saw. ` +
      `A return needs \`note\` (the reason) and rests on each claim's origin citation unless \`citationIds\` names citations of that claim. ` +
      `At most ${BULK_MAX_CLAIMS} claims per request. \`action: "due"\` sets \`dueAt\` (ISO 8601 with a time zone; \`null\` clears it) on every claim, as POST /claims/{id}/due would; it needs \`dueAt\` and each claim's \`expectedVersion\`. The answer is 200 whenever the batch was understood, even if every claim was refused.`,
    role: "reporter",
    idempotent: true,
    body: bulkChangeSchema,
    response: bulkOutcomeSchema,
    errors: [400, 413, 422],
  },
} as const satisfies Record<string, ApiRouteSpec>;

/** Request and response schemas these routes name, as they appear under components.schemas in the OpenAPI document. */
export const BULK_REQUEST_SCHEMAS: Record<string, z.ZodType> = { BulkChange: bulkChangeSchema };
export const BULK_RESPONSE_SCHEMAS: Record<string, z.ZodType> = { BulkOutcome: bulkOutcomeSchema, BulkItemResult: bulkItemResultSchema };
