import { z } from "zod";
import { commentBodySchema } from "@/lib/comments/schemas";
import { NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { markReadSchema } from "@/lib/notifications/notifications";
import { preferencesSchema } from "@/lib/notifications/schemas";
import { ROLES } from "@/lib/core/vocabulary";
import type { ApiRouteSpec } from "./route-spec";

const id = z.number().int().positive();
const time = z.string().meta({ format: "date-time", description: "ISO 8601, UTC" });
const page = {
  cursor: z.string().max(200).optional().meta({ description: "`nextCursor` of the previous page." }),
  limit: z.coerce.number().int().min(1).max(100).optional().meta({ description: "Page size, 1–100." }),
};

export const deskUserSchema = z.object({ id, name: z.string(), role: z.enum(ROLES) }).meta({ description: "An active desk user (no email)." });
export const deskUserListSchema = z.object({ data: z.array(deskUserSchema) });

export const commentSchema = z
  .object({
    id,
    claimId: id,
    authorId: id,
    authorName: z.string(),
    body: z.string().meta({ description: "Markdown as written, mentions as `@[Name](user:ID)`; empty once deleted." }),
    mentions: z.array(id).meta({ description: "The user ids the comment mentions." }),
    createdAt: time,
    editedAt: time.nullable().meta({ description: "Set when its author edited it (possible for 15 minutes after writing it)." }),
    deletedAt: time.nullable().meta({ description: "Set on a deleted comment: a tombstone that keeps who and when." }),
    deletedById: id.nullable(),
    deletedByName: z.string().nullable(),
  })
  .meta({ description: "A comment on a claim. Comments are discussion, not sign-offs, and never appear on public pages." });
export const commentListSchema = z.object({ data: z.array(commentSchema), nextCursor: z.string().nullable() });

export const notificationSchema = z.object({
  id,
  kind: z.enum(NOTIFICATION_KINDS),
  claimId: id.nullable(),
  summaryId: id.nullable(),
  commentId: id.nullable(),
  actorId: id.meta({ description: "Who did what the notification tells." }),
  eventId: id.meta({ description: "The outbox event it came from (as in GET /events)." }),
  message: z.string().meta({ description: "A sentence a person can read: `Elena Marsh returned your claim #12: 'Source is a press release'`." }),
  createdAt: time,
  readAt: time.nullable(),
});
export const notificationListSchema = z.object({
  data: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int().min(0).meta({ description: "Your unread notifications in all." }),
});
export const markedReadSchema = z.object({ marked: z.number().int().min(0), unreadCount: z.number().int().min(0) });
export const followStateSchema = z.object({ claimId: id, following: z.boolean() });

/** The /api/v1 endpoints for comments, mentions, follows, notifications and desk users; spread into the route table (lib/api/routes.ts). */
export const TALK_ROUTES = {
  listUsers: {
    method: "GET",
    path: "/users",
    tag: "Users",
    summary: "Find desk users by name",
    description: "Active users whose name contains `q` (names starting with it first), at most 20. For mentions (`@[Name](user:ID)`) and assignment.",
    role: "reporter",
    query: z.object({ q: z.string().max(100).optional().meta({ description: "Part of a name; blank lists everyone (up to 20)." }) }),
    response: deskUserListSchema,
    errors: [422],
  },
  listComments: {
    method: "GET",
    path: "/claims/{id}/comments",
    tag: "Comments",
    summary: "A claim's comments, oldest first",
    description: "Deleted comments stay in the list as tombstones (`deletedAt`, `deletedById`, empty `body`).",
    role: "reporter",
    query: z.object(page),
    response: commentListSchema,
    errors: [404, 422],
  },
  addComment: {
    method: "POST",
    path: "/claims/{id}/comments",
    tag: "Comments",
    summary: "Comment on a claim",
    description:
      "`{body}`: Markdown (raw HTML is shown as text; links only http(s) and mailto). Mention a desk user as `@[Name](user:ID)` (find ids with GET /users?q=): " +
      "they are notified. A mention of an unknown or disabled user is a 422 on `body`, and nothing is written. You follow the claim from then on.",
    role: "reporter",
    idempotent: true,
    status: 201,
    body: commentBodySchema,
    response: commentSchema,
    errors: [404, 413, 422],
  },
  editComment: {
    method: "PATCH",
    path: "/comments/{id}",
    tag: "Comments",
    summary: "Edit your comment (within 15 minutes)",
    description: "Only its author, within 15 minutes of writing it; it is then marked edited (`editedAt`). People newly mentioned are notified.",
    role: "reporter",
    body: commentBodySchema,
    response: commentSchema,
    errors: [403, 404, 409, 413, 422],
  },
  deleteComment: {
    method: "DELETE",
    path: "/comments/{id}",
    tag: "Comments",
    summary: "Delete a comment (its author or an admin)",
    description: "Leaves a tombstone: the answer is the comment with `deletedAt` and `deletedById` set and its body gone. Deleting it again is a 409.",
    role: "reporter",
    response: commentSchema,
    errors: [403, 404, 409],
  },
  listNotifications: {
    method: "GET",
    path: "/notifications",
    tag: "Notifications",
    summary: "Your notifications, newest first",
    description: "Made after each change for the people it concerns (assigned, mentioned, your claim reviewed/verified/returned, a followed claim changed state, a summary you published needs republishing), as each person chose.",
    role: "reporter",
    query: z.object({
      unread: z.enum(["true", "false"]).optional().meta({ description: "`true`: only the unread ones." }),
      ...page,
    }),
    response: notificationListSchema,
    errors: [422],
  },
  markNotificationsRead: {
    method: "POST",
    path: "/notifications/read",
    tag: "Notifications",
    summary: "Mark notifications read",
    description: "`{ids: [...]}` marks those (all must be yours, or nothing changes: 422); `{all: true}` marks every one. Marking a read one again is harmless.",
    role: "reporter",
    body: markReadSchema,
    response: markedReadSchema,
    errors: [422],
  },
  followClaim: {
    method: "PUT",
    path: "/claims/{id}/follow",
    tag: "Notifications",
    summary: "Follow a claim",
    description: "You are notified when it changes state. You already follow what you submitted, reviewed, were assigned or commented on. Following twice is harmless. No body is needed.",
    role: "reporter",
    response: followStateSchema,
    errors: [404],
  },
  unfollowClaim: {
    method: "DELETE",
    path: "/claims/{id}/follow",
    tag: "Notifications",
    summary: "Stop following a claim",
    role: "reporter",
    response: followStateSchema,
    errors: [404],
  },
} as const satisfies Record<string, ApiRouteSpec>;

/** Request and response schemas these routes name, as they appear under components.schemas in the OpenAPI document. */
export const TALK_REQUEST_SCHEMAS: Record<string, z.ZodType> = {
  CommentBody: commentBodySchema,
  MarkNotificationsRead: markReadSchema,
  NotificationPreferences: preferencesSchema,
};
export const TALK_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  DeskUser: deskUserSchema,
  DeskUserList: deskUserListSchema,
  Comment: commentSchema,
  CommentList: commentListSchema,
  Notification: notificationSchema,
  NotificationList: notificationListSchema,
  MarkedRead: markedReadSchema,
  FollowState: followStateSchema,
};
