import { z } from "zod";
import { dueAtSchema, NOTE_MAX } from "@/lib/validations/claims";

/* The bulk change's input, shared by the server (bulkChange), the API's OpenAPI document and the queue's bulk bar. */

export const BULK_MAX_CLAIMS = 200;
export const BULK_ACTIONS = ["assign", "unassign", "return", "follow", "unfollow", "due"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

const id = z.number().int().positive();

export const bulkClaimRefSchema = z.object({
  id,
  /** The version the person was looking at; required for assign, unassign, due and return (a stale one is refused for that claim). */
  expectedVersion: z.number().int().min(1).optional(),
});

const note = z.string().trim().max(NOTE_MAX, `Keep this under ${NOTE_MAX} characters`);

export const NEEDS_CLAIMS = "Send the claims to change: claims: [{id, expectedVersion}], or claimIds: [id, …]";
export const CLAIMS_OR_IDS = "Send either claims or claimIds, not both";

const selection = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1, "Select at least one claim")
    .max(BULK_MAX_CLAIMS, `Change at most ${BULK_MAX_CLAIMS} claims at a time`)
    .optional();

/** Exactly one of `claims` and `claimIds` (bulkChange says which is missing or doubled, as it does for the action's own fields). */
export const bulkChangeSchema = z.object({
  action: z.enum(BULK_ACTIONS, { error: "Choose assign, unassign, due, return, follow or unfollow" }),
  /** Each claim with the version the person saw: a claim changed since then is refused (409) for that claim only. */
  claims: selection(bulkClaimRefSchema).meta({
    description: "The claims with the version you saw (`expectedVersion`): one changed since is refused (409) alone. Exactly one of `claims` and `claimIds`.",
  }),
  /** The claims by id only: each is changed at the version it has when its turn comes (no stale-version protection). */
  claimIds: selection(id).meta({
    description:
      "The claims by id (issue #12's form): each is changed at the version it has when its turn comes, so a change made meanwhile by someone else is not detected. Send `claims` with `expectedVersion` for that protection. Exactly one of `claims` and `claimIds`.",
  }),
  assigneeId: id.nullish(),
  note: note.nullish(),
  /** For due: the due date every claim gets (ISO 8601 with a time zone); null or blank clears it. Required for due. */
  dueAt: dueAtSchema.nullish(),
  /** For return: citations the sign-offs rest on; each claim uses those of its own, else its origin citation. */
  citationIds: z.array(id).max(BULK_MAX_CLAIMS * 5).optional(),
});
export type BulkChangeInput = z.input<typeof bulkChangeSchema>;

export const NEEDS_ASSIGNEE = "Choose who to assign the claims to";
export const NEEDS_REASON = "Give the reason for returning these claims";
export const NEEDS_DUE_AT = "Give the due date (or null to clear it)";
export const BAD_LOCAL_DUE_AT = "Enter a date and time";

/** The queue's bulk bar (the selection supplies the claims): the same action and reason, the assignee as the select's string. */
export const bulkBarSchema = z
  .object({
    action: z.enum(["assign", "unassign", "due", "follow", "unfollow", "return"], { error: "Choose what to do with the selected claims" }),
    assigneeId: z.string(),
    note,
    /** The date input's local "YYYY-MM-DDTHH:mm" (the browser's time zone); blank clears the due dates. */
    dueAt: z.string(),
  })
  .superRefine((values, ctx) => {
    if (values.action === "assign" && values.assigneeId === "") ctx.addIssue({ code: "custom", path: ["assigneeId"], message: NEEDS_ASSIGNEE });
    if (values.action === "return" && values.note === "") ctx.addIssue({ code: "custom", path: ["note"], message: NEEDS_REASON });
    if (values.action === "due" && values.dueAt !== "" && Number.isNaN(new Date(values.dueAt).getTime())) ctx.addIssue({ code: "custom", path: ["dueAt"], message: BAD_LOCAL_DUE_AT });
  });
export type BulkBarValues = z.input<typeof bulkBarSchema>;
