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

export const bulkChangeSchema = z.object({
  action: z.enum(BULK_ACTIONS, { error: "Choose assign, unassign, due, return, follow or unfollow" }),
  claims: z
    .array(bulkClaimRefSchema)
    .min(1, "Select at least one claim")
    .max(BULK_MAX_CLAIMS, `Change at most ${BULK_MAX_CLAIMS} claims at a time`),
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
