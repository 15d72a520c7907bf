import { z } from "zod";
import { DELIVERY_STATUSES } from "@/lib/delivery/vocabulary";
import { EVENT_KINDS } from "@/lib/events/kinds";
import type { DeliverySummary, WebhookSummary } from "@/lib/webhooks/webhooks";
import { createWebhookSchema } from "@/lib/webhooks/schema";
import type { ApiRouteSpec } from "./route-spec";

const id = z.number().int().positive();
const time = z.string().meta({ format: "date-time", description: "ISO 8601, UTC" });

export const webhookSchema = z
  .object({
    id,
    url: z.string().meta({ description: "Where deliveries are POSTed: https (plain http only for loopback receivers in development)." }),
    description: z.string(),
    eventTypes: z.array(z.enum(EVENT_KINDS)).meta({ description: "The event kinds this hook gets." }),
    active: z.boolean(),
    createdAt: time,
    createdById: id.nullable(),
    deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }).meta({ description: "Its deliveries by status." }),
  })
  .meta({
    description:
      "A webhook. Each delivery is a POST with a JSON body `{id, type, createdAt, data}` (the event; `id` is the event id) and the headers " +
      "`Factdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" with the hook's secret>`, `Factdesk-Event` (the type) and " +
      "`Factdesk-Delivery` (the delivery id; a replay or retry keeps it). Only a 2xx answer counts as delivered; others are retried with " +
      "exponential backoff (30 s, 2 min, 10 min, 1 h, 6 h, …, 8 attempts), each attempt with a 10 s timeout; redirects are not followed.",
  });
export const createdWebhookSchema = webhookSchema
  .extend({ secret: z.string().meta({ description: "The signing secret: returned only here, on creation. Keep it with the receiver." }) })
  .meta({ description: "The new webhook with its signing secret (shown once)." });
export const webhookListSchema = z.object({ data: z.array(webhookSchema), nextCursor: z.null() });

export const deliverySchema = z
  .object({
    id,
    webhookId: id,
    eventId: id.nullable(),
    eventType: z.string().nullable(),
    status: z.enum(DELIVERY_STATUSES).meta({ description: "`pending` (to be tried or retried), `delivered` (a 2xx), `failed` (given up on after the last attempt)." }),
    attempts: z.number().int().min(0).meta({ description: "Attempts since it was recorded or last replayed." }),
    nextAttemptAt: time.nullable().meta({ description: "When a pending delivery is tried next." }),
    lastError: z.string().nullable(),
    lastStatus: z.number().int().nullable().meta({ description: "The receiver's HTTP status on the last attempt (null: no answer)." }),
    createdAt: time,
    deliveredAt: time.nullable(),
    log: z
      .array(z.object({ at: time, ok: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number().int() }))
      .meta({ description: "Every attempt, oldest first (replays included)." }),
  })
  .meta({ description: "One event's delivery to one webhook, with its attempts." });
export const deliveryListSchema = z.object({ data: z.array(deliverySchema), nextCursor: z.string().nullable() });

/** The /api/v1 endpoints for webhooks and their deliveries; spread into the route table (lib/api/routes.ts). */
export const DELIVERY_ROUTES = {
  listWebhooks: {
    method: "GET",
    path: "/webhooks",
    tag: "Webhooks",
    summary: "List webhooks",
    description: "Admins only. Newest first, with their deliveries counted by status; never their secrets.",
    role: "admin",
    rule: "Only admins can manage webhooks",
    response: webhookListSchema,
    errors: [403],
  },
  createWebhook: {
    method: "POST",
    path: "/webhooks",
    tag: "Webhooks",
    summary: "Register a webhook",
    description:
      "Admins only. `url` must be https to a public host (422 naming `url` otherwise; plain http and loopback only in development); " +
      "`eventTypes` the kinds it gets. The answer carries the signing `secret`, the only time it is shown.",
    role: "admin",
    rule: "Only admins can manage webhooks",
    idempotent: true,
    status: 201,
    body: createWebhookSchema,
    response: createdWebhookSchema,
    errors: [400, 403, 413, 422],
  },
  deleteWebhook: {
    method: "DELETE",
    path: "/webhooks/{id}",
    tag: "Webhooks",
    summary: "Delete a webhook",
    description: "Admins only. Nothing more is sent to it; its deliveries and their log go with it. Answers with the webhook as it was.",
    role: "admin",
    rule: "Only admins can manage webhooks",
    response: webhookSchema,
    errors: [403, 404],
  },
  listWebhookDeliveries: {
    method: "GET",
    path: "/webhooks/{id}/deliveries",
    tag: "Webhooks",
    summary: "A webhook's delivery log",
    description: "Admins only. Newest first, each delivery with its status, attempts, last error and every attempt.",
    role: "admin",
    rule: "Only admins can manage webhooks",
    query: z.object({
      cursor: z.string().regex(/^[1-9]\d{0,14}$/, "Pass back a `nextCursor`").optional().meta({ description: "`nextCursor` of the previous page." }),
      limit: z.coerce.number().int().min(1).max(100).optional().meta({ description: "Page size, 1–100 (default 50)." }),
    }),
    response: deliveryListSchema,
    errors: [403, 404, 422],
  },
  replayWebhookDelivery: {
    method: "POST",
    path: "/webhooks/{id}/deliveries/{deliveryId}/replay",
    tag: "Webhooks",
    summary: "Send a delivery again",
    description:
      "Admins only. Queues the delivery to be sent now with the same body and delivery id (receivers dedup by them), its attempts counted afresh; " +
      "earlier attempts stay in the log. 409 while an attempt is in flight.",
    role: "admin",
    rule: "Only admins can manage webhooks",
    response: deliverySchema,
    errors: [403, 404, 409],
  },
} as const satisfies Record<string, ApiRouteSpec>;

/** Request and response schemas these routes name, as they appear under components.schemas in the OpenAPI document. */
export const DELIVERY_REQUEST_SCHEMAS: Record<string, z.ZodType> = { CreateWebhook: createWebhookSchema };
export const DELIVERY_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  Webhook: webhookSchema,
  CreatedWebhook: createdWebhookSchema,
  WebhookList: webhookListSchema,
  WebhookDelivery: deliverySchema,
  WebhookDeliveryList: deliveryListSchema,
};

// The domain's types and the documented shapes must agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const webhookShape: Same<z.output<typeof webhookSchema>, WebhookSummary> = true;
const deliveryShape: Same<z.output<typeof deliverySchema>, DeliverySummary> = true;
void webhookShape;
void deliveryShape;
