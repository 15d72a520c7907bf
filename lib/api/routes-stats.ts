import { z } from "zod";
import { CLAIM_STATES, ROLES } from "@/lib/core/vocabulary";
import { MAX_PERIOD_DAYS, statsQuerySchema } from "@/lib/stats/period";
import { overdueSummarySchema } from "./routes-deadlines";
import type { ApiRouteSpec } from "./route-spec";

const id = z.number().int().positive();
const count = z.number().int().min(0);
const day = z.string().meta({ format: "date", description: "YYYY-MM-DD (UTC)" });
const hours = z.number().nullable().meta({ description: "Hours; null when no stay ended in the period." });

export const timeInStateSchema = z
  .object({ medianHours: hours, p90Hours: hours, n: count.meta({ description: "Stays that ended in the period." }) })
  .meta({ description: "Time claims spent in one state: median and 90th percentile (linear between ranks) of every stay that ended in the period." });

const dayFigures = { submitted: count, verified: count, published: count.meta({ description: "Claims published for the first time since their verify." }) };

export const statsSchema = z
  .object({
    period: z.object({ from: day, to: day.meta({ description: "Included." }) }),
    scope: z.enum(["desk", "own"]).meta({ description: "`desk` for editors and admins; `own` for a reporter: the claims they submitted." }),
    counts: z.object(Object.fromEntries(CLAIM_STATES.map((state) => [state, count])) as Record<(typeof CLAIM_STATES)[number], typeof count>).meta({
      description: "Claims in each state now (verified includes published ones).",
    }),
    timeInState: z
      .object({ draft: timeInStateSchema, reviewed: timeInStateSchema, verified: timeInStateSchema })
      .meta({
        description:
          "draft: from a submit or return to the next review; reviewed: from a review to the verify or return after it; verified: from a verify to the first publication including the claim, or a return. " +
          "Every stay counts (a claim returned and re-reviewed contributes one per round); a stay belongs to the period its end falls in.",
      }),
    perDay: z.array(z.object({ date: day, ...dayFigures })).meta({ description: "Every day of the period, zeros included." }),
    perWeek: z.array(z.object({ weekStart: day.meta({ description: "The Monday (UTC) the week starts on; the first and last weeks may be partial." }), ...dayFigures })),
    returnsPerRound: z.array(z.object({ round: z.number().int().min(1), returns: count })).meta({ description: "Returns made in the period, by the round they ended." }),
    perPerson: z
      .array(
        z.object({
          userId: id,
          name: z.string(),
          role: z.enum(ROLES),
          assigned: count.meta({ description: "Open (draft or reviewed) claims assigned to them." }),
          awaitingReview: count.meta({ description: "Drafts the workflow's rules let them review now." }),
          awaitingVerify: count.meta({ description: "Reviewed claims the rules let them verify now." }),
        }),
      )
      .meta({ description: "Active editors and admins (and anyone with claims assigned), heaviest load first." }),
    longestWaiting: z
      .array(
        z.object({
          claimId: id,
          text: z.string(),
          state: z.enum(["draft", "reviewed"]),
          since: z.string().meta({ format: "date-time", description: "When it entered its current state." }),
          waitingHours: z.number(),
          assigneeName: z.string().nullable(),
        }),
      )
      .meta({ description: "The 10 open claims that have waited longest for a sign-off." }),
    overdue: overdueSummarySchema.meta({ description: "Overdue now (not for the period): verified claims are finished and never overdue." }),
  })
  .meta({ description: "The dashboard's numbers for a period." });

/** The /api/v1 endpoints for the desk's statistics (the dashboard's numbers); spread into the route table (lib/api/routes.ts). */
export const STATS_ROUTES = {
  getStats: {
    method: "GET",
    path: "/stats",
    tag: "Stats",
    summary: "The desk's numbers for a period (the dashboard's)",
    description:
      `\`from\` and \`to\` are UTC days, both included; default the last 30 days. \`from\` after \`to\`, a period over ${MAX_PERIOD_DAYS} days or a malformed date is a 422 naming the field. ` +
      "An editor or admin gets the whole desk; a reporter the same figures for the claims they submitted. Per-day and time-in-state figures are derived from the sign-offs and publications in the period.",
    role: "reporter",
    query: statsQuerySchema,
    response: statsSchema,
    errors: [422],
  },
} as const satisfies Record<string, ApiRouteSpec>;

/** Request and response schemas these routes name, as they appear under components.schemas in the OpenAPI document. */
export const STATS_REQUEST_SCHEMAS: Record<string, z.ZodType> = {};
export const STATS_RESPONSE_SCHEMAS: Record<string, z.ZodType> = { Stats: statsSchema, TimeInState: timeInStateSchema };
