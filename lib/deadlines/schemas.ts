import { z } from "zod";

/* The desk's deadline settings as the admin page (react-hook-form), the API and the server validate them. */

/** The states a claim waits in for someone's work; a verified claim is finished (publishing is per article, not per claim). */
export const DEADLINE_STATES = ["draft", "reviewed"] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export const TARGET_HOURS_MAX = 24 * 90;

const targetHours = z
  .number({ error: "Give the target in whole hours, or leave it empty for no target" })
  .int("Give the target in whole hours")
  .min(1, "A target is at least 1 hour")
  .max(TARGET_HOURS_MAX, `Keep the target under ${TARGET_HOURS_MAX} hours (90 days)`)
  .nullable()
  .meta({ description: "Hours a claim may stay in this state before it is overdue (claims without a due date); null: no target." });

export const deadlineSettingsSchema = z.object({
  targets: z.object({ draft: targetHours, reviewed: targetHours }),
  dueSoonHours: z
    .number({ error: "Give the window in whole hours" })
    .int("Give the window in whole hours")
    .min(1, "The window is at least 1 hour")
    .max(24 * 14, "Keep the window under 336 hours (14 days)")
    .meta({ description: "A claim is due soon within this many hours before its deadline." }),
  dueSoonPercent: z
    .number({ error: "Give a percentage" })
    .int("Give a whole percentage")
    .min(1, "At least 1%")
    .max(100, "At most 100%")
    .meta({ description: "For a deadline from a target: the window is at most this share of the target (so a 4-hour target is not due soon from its start)." }),
});
export type DeadlineSettingsInput = z.input<typeof deadlineSettingsSchema>;
export type DeadlineSettingsValues = z.output<typeof deadlineSettingsSchema>;
