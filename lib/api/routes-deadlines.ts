import { z } from "zod";
import { deadlineSettingsSchema } from "@/lib/deadlines/schemas";
import { setDueDateSchema } from "@/lib/validations/claims";
import type { ApiRouteSpec } from "./route-spec";
import { claimDetailSchema } from "./schemas";

const id = z.number().int().positive();
const time = z.string().meta({ format: "date-time", description: "ISO 8601, UTC" });

const MEANING =
  "A claim is judged while it waits for the desk's work (draft or reviewed; a verified claim is finished). Its deadline is its due date, or, without one, the time it entered its state plus the target for that state. " +
  "Overdue: the deadline has passed. Due soon: it is ahead by at most `dueSoonHours`, and for a target by at most `dueSoonPercent` % of the target.";

export const deadlineSettingsResponseSchema = deadlineSettingsSchema
  .extend({
    updatedAt: time.nullable().meta({ description: "null while the defaults apply." }),
    updatedByName: z.string().nullable(),
  })
  .meta({ description: `The desk's target time in each state and what counts as due soon. ${MEANING}` });

export const overdueSummarySchema = z
  .object({
    count: z.number().int().min(0).meta({ description: "Every overdue claim in scope." }),
    claims: z
      .array(
        z.object({
          id,
          text: z.string(),
          state: z.enum(["draft", "reviewed"]),
          dueAt: time.nullable(),
          deadline: time.meta({ description: "The due date, or when it entered its state plus the state's target." }),
          source: z.enum(["due", "target"]),
          hoursLate: z.number(),
          assigneeId: id.nullable(),
          assigneeName: z.string().nullable(),
        }),
      )
      .meta({ description: "The most late first." }),
  })
  .meta({ description: "Overdue claims: the desk's for editors and admins, a reporter's own." });

/** The /api/v1 endpoints of this area; spread into the route table (lib/api/routes.ts). */
export const DEADLINE_ROUTES = {
  setDueDate: {
    method: "POST",
    path: "/claims/{id}/due",
    tag: "Deadlines",
    summary: "Set, change or clear a claim's due date",
    description:
      "Editors only (a reporter gives their own claim a due date when submitting it: `dueAt` on POST /claims). `dueAt` is an ISO 8601 instant with a time zone, stored in UTC; `null` clears it. " +
      "A versioned change like an assignment: send the version you saw as `expectedVersion` (409 when it is stale). A malformed, zone-less or impossible date, or one more than 5 years ahead, is 422 and changes nothing. " +
      "Recorded as the event `claim.due_changed`.",
    role: "reporter",
    idempotent: true,
    body: setDueDateSchema,
    response: claimDetailSchema,
    errors: [400, 403, 404, 409, 413, 422],
  },
  getDeadlineTargets: {
    method: "GET",
    path: "/deadlines/targets",
    tag: "Deadlines",
    summary: "The desk's target time per state",
    description: MEANING,
    role: "reporter",
    response: deadlineSettingsResponseSchema,
    errors: [],
  },
  updateDeadlineTargets: {
    method: "PUT",
    path: "/deadlines/targets",
    tag: "Deadlines",
    summary: "Change the desk's targets and due-soon window",
    description: `Admins only. Whole hours; a target of null means no target for that state. ${MEANING}`,
    role: "admin",
    rule: "Only admins can change the desk's targets",
    idempotent: true,
    body: deadlineSettingsSchema,
    response: deadlineSettingsResponseSchema,
    errors: [400, 403, 413, 422],
  },
  listOverdue: {
    method: "GET",
    path: "/deadlines/overdue",
    tag: "Deadlines",
    summary: "How many claims are overdue, and the most late",
    description: `${MEANING} Editors and admins see the desk; a reporter their own claims. GET /claims?overdue=true lists every one of them.`,
    role: "reporter",
    response: overdueSummarySchema,
    errors: [],
  },
} as const satisfies Record<string, ApiRouteSpec>;

/** Named request and response schemas of these endpoints, for the OpenAPI document's components. */
export const DEADLINE_REQUEST_SCHEMAS: Record<string, z.ZodType> = {
  SetDueDateInput: setDueDateSchema,
  DeadlineSettingsInput: deadlineSettingsSchema,
};
export const DEADLINE_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  DeadlineSettings: deadlineSettingsResponseSchema,
  OverdueSummary: overdueSummarySchema,
};
