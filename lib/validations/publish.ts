import { z } from "zod";
import { VERDICTS } from "@/lib/core/vocabulary";

/*
 * Schemas for publishing summaries, shared by the publish form (zodResolver), the server action,
 * the API route and the domain functions. Plain on purpose (see claims.ts): JSON-Schema friendly.
 */

export const SUMMARY_TITLE_MAX = 200;
export const SUMMARY_INTRO_MAX = 4000;
export const CORRECTION_NOTE_MAX = 2000;
export const WITHDRAW_REASON_MAX = 2000;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MIN = 3;
export const SLUG_MAX = 80;

const id = z.number().int().positive();

export const publishSummarySchema = z.object({
  title: z
    .string({ error: "Give the summary a title" })
    .trim()
    .min(5, "A title needs at least 5 characters")
    .max(SUMMARY_TITLE_MAX, `Keep the title under ${SUMMARY_TITLE_MAX} characters`),
  introduction: z
    .string({ error: "Write an introduction" })
    .trim()
    .min(20, "Write at least a sentence of introduction (20 characters)")
    .max(SUMMARY_INTRO_MAX, `Keep the introduction under ${SUMMARY_INTRO_MAX} characters`),
  /** Required when the summary has already been published (republishing is a correction). */
  correctionNote: z
    .string()
    .trim()
    .max(CORRECTION_NOTE_MAX, `Keep the correction note under ${CORRECTION_NOTE_MAX} characters`)
    .nullish(),
  /**
   * The address under /summaries/, chosen at first publication (derived from the title when omitted)
   * and fixed from then on: a republish naming a different slug is refused.
   */
  slug: z
    .string()
    .trim()
    .min(SLUG_MIN, `Use at least ${SLUG_MIN} characters`)
    .max(SLUG_MAX, `Keep the address under ${SLUG_MAX} characters`)
    .regex(SLUG_PATTERN, "Use lowercase letters a–z, digits and single hyphens between words, e.g. clemency-claims-checked")
    .optional()
    .meta({
      description:
        "The page's address under /summaries/, chosen at first publication (derived from the title when omitted). It never changes: a republish naming another slug is refused.",
    }),
  /** Which verified claims of the article to include; all of them when omitted. */
  claimIds: z.array(id).max(200, "Choose at most 200 claims").optional(),
  /**
   * The summary version the editor was looking at (0 = not published yet). Optional for API
   * clients; when sent, a publication made meanwhile by someone else is refused as a conflict.
   */
  expectedVersion: z.number().int().min(0).optional(),
});

export type PublishSummaryInput = z.input<typeof publishSummarySchema>;

export const withdrawSummarySchema = z.object({
  reason: z
    .string({ error: "Give the public reason for withdrawing" })
    .trim()
    .min(10, "Explain the withdrawal to readers in at least 10 characters")
    .max(WITHDRAW_REASON_MAX, `Keep the reason under ${WITHDRAW_REASON_MAX} characters`),
});

export type WithdrawSummaryInput = z.input<typeof withdrawSummarySchema>;

export const SUMMARY_PAGE_SIZE = 10;

/** The public list's query string: `?verdict=false&cursor=…`. Blank values are treated as absent. */
export const summaryListQuerySchema = z.object({
  verdict: z.enum(VERDICTS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export type SummaryListQuery = z.infer<typeof summaryListQuerySchema>;
