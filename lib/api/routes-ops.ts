import { z } from "zod";
import type { ApiRouteSpec } from "./route-spec";

export const readyCheckSchema = z.object({
  name: z.string().describe("database, migrations, outbox events:<consumer>, outbox deliveries:<channel>, delivery loop, disk"),
  ok: z.boolean(),
  detail: z.string(),
});

export const readinessSchema = z.object({
  status: z.enum(["ready", "unready"]),
  time: z.string().describe("ISO 8601"),
  checks: z.array(readyCheckSchema),
});

/** The /api/v1 endpoints of this area; spread into the route table (lib/api/routes.ts). */
export const OPS_ROUTES = {
  ready: {
    method: "GET",
    path: "/ready",
    tag: "Operations",
    summary: "May this server take traffic",
    description:
      "200 with `status: \"ready\"` when the database takes writes and carries this build's migrations, every outbox consumer (events and deliveries) has handled what waited for it within `FACTDESK_READY_STUCK_MINUTES` (default 5), the delivery loop is ticking and the database's disk has `FACTDESK_READY_MIN_FREE_MB` (default 100) free. Otherwise **503** with the same shape, `status: \"unready\"` and the failing checks' `ok: false` and `detail`. `/health` stays the cheap liveness answer.",
    role: null,
    response: readinessSchema,
    errors: [],
  },
} as const satisfies Record<string, ApiRouteSpec>;

/** Named request and response schemas of these endpoints, for the OpenAPI document's components. */
export const OPS_REQUEST_SCHEMAS: Record<string, z.ZodType> = {};
export const OPS_RESPONSE_SCHEMAS: Record<string, z.ZodType> = { Readiness: readinessSchema };
