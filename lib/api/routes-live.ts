import { z } from "zod";
import { EVENT_KINDS } from "@/lib/events/kinds";
import type { ApiRouteSpec } from "./route-spec";

/** An event as `GET /events` sends it in each `data:` line (lib/live/payload.ts). */
export const liveEventSchema = z
  .object({
    id: z.number().int().meta({ description: "The outbox event id; also the SSE `id:`, so `Last-Event-ID` resumes after it." }),
    kind: z.enum(EVENT_KINDS).meta({ description: "Also the SSE `event:` type." }),
    at: z.string().meta({ description: "When it happened (ISO 8601, UTC)." }),
    actorId: z.number().int(),
    actorName: z.string().nullable().meta({ description: "The actor's name, resolved on the server." }),
    description: z.string().meta({ description: "What the actor did, to follow their name: `verified this claim`." }),
    claimId: z.number().int().optional(),
    articleId: z.number().int().nullable().optional(),
    summaryId: z.number().int().optional(),
    version: z.number().int().optional().meta({ description: "Claim events: the claim's version after the change. Summary events: the summary's version." }),
  })
  .catchall(z.unknown())
  .meta({
    description:
      "One outbox event. Besides the fields listed, each kind carries its own: `claim.transitioned` has `action` (review|verify|return), `from`, `to`, `round`, `verdict`; " +
      "`claim.assigned` has `assigneeId` (null: unassigned) and `previous`; `claim.cited` has `citationIds`; `article.added` has `title`; " +
      "`summary.published` / `summary.withdrawn` have `slug`; comment events have the comment's id.",
  });

/** `event: notification`: only on the stream of the person notified, without an `id:`. */
export const liveNotificationSchema = z
  .object({ kind: z.literal("notification"), unreadCount: z.number().int().min(0) })
  .meta({ description: "Your unread notification count changed (you were just notified)." });

/** The /api/v1 endpoints for the live event stream; spread into the route table (lib/api/routes.ts). */
export const LIVE_ROUTES = {
  events: {
    method: "GET",
    path: "/events",
    tag: "Events",
    summary: "Stream the desk's events (Server-Sent Events)",
    description: [
      "Answers `text/event-stream` and stays open: every change on the desk as it commits, one SSE event each, with `event:` the kind " +
        `(${EVENT_KINDS.map((kind) => `\`${kind}\``).join(", ")}), \`id:\` the outbox event id and \`data:\` one JSON \`LiveEvent\`. ` +
        "Your own `event: notification` (a `LiveNotification`, no `id:`) arrives when you are notified. " +
        "The first event, `event: ready` with `{\"userId\"}`, says whose stream it is.",
      "Resume without gaps: send `Last-Event-ID: <id>` (EventSource does this when it reconnects) or `?after=<id>`; the events after it are " +
        "read back from the database first, then the stream goes on live. Without either it starts from now.",
      "A `: heartbeat` comment every 15 s keeps proxies from closing an idle stream; `retry:` asks clients to reconnect after 3 s. " +
        "A person may hold 8 streams at once (429 beyond). The stream ends when the token is revoked or its user disabled.",
      "Try it: `curl -N -H \"Authorization: Bearer $TOKEN\" http://localhost:3000/api/v1/events`.",
    ].join("\n\n"),
    role: "reporter",
    contentType: "text/event-stream",
    query: z.object({
      after: z.coerce.number().int().min(0).optional().meta({ description: "Replay the events after this id first (`Last-Event-ID` wins when both are sent)." }),
    }),
    errors: [],
  },
} as const satisfies Record<string, ApiRouteSpec>;

/** Request and response schemas these routes name, as they appear under components.schemas in the OpenAPI document. */
export const LIVE_REQUEST_SCHEMAS: Record<string, z.ZodType> = {};
export const LIVE_RESPONSE_SCHEMAS: Record<string, z.ZodType> = { LiveEvent: liveEventSchema, LiveNotification: liveNotificationSchema };
