import { z } from "zod";
import { parseQuery } from "@/lib/core/parse";
import { CITATION_KINDS, CLAIM_STATES, VERDICTS } from "@/lib/core/vocabulary";

/*
 * Schemas shared by the server (domain functions), the browser (react-hook-form + zodResolver)
 * and the OpenAPI generator (z.toJSONSchema). They stay plain: `.trim()` is an in-place overwrite
 * in zod 4 and refinements are ignored by JSON Schema, so every schema here is representable.
 * Optional fields accept `null` and blank strings; the domain layer stores blanks as null.
 */

export const CLAIM_TEXT_MIN = 10;
export const CLAIM_TEXT_MAX = 1000;
export const NOTE_MAX = 2000;
export const QUOTE_MAX = 5000;
export const MAX_CITATIONS_PER_REQUEST = 20;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoDateOrDateTime(value: string): boolean {
  if (!ISO_DATE.test(value) && !ISO_DATETIME.test(value)) return false;
  const parsed = new Date(ISO_DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(parsed.getTime())) return false;
  // Reject calendar overflow such as 2024-02-31, which Date would silently roll over.
  return !ISO_DATE.test(value) || parsed.toISOString().slice(0, 10) === value;
}

/** A due date may lie at most this far ahead: further is almost always a typo in the year. */
export const DUE_AT_MAX_YEARS_AHEAD = 5;
const DUE_AT_EARLIEST = Date.UTC(2000, 0, 1);
export const DUE_AT_FORMAT_MESSAGE = "Give the due date as a date and time with its time zone, such as 2026-12-03T17:00:00Z";
export const DUE_AT_RANGE_MESSAGE = `Give a due date between the year 2000 and ${DUE_AT_MAX_YEARS_AHEAD} years from now`;

/**
 * An instant: date, time and a time zone (Z or ±hh:mm), on a real calendar day (2026-02-30 is refused,
 * not rolled over into March). A date or time without a zone is refused: the desk would have to guess whose.
 */
export function isIsoInstant(value: string): boolean {
  if (!ISO_DATETIME.test(value)) return false;
  const [year, month, day] = value.slice(0, 10).split("-").map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return false;
  return !Number.isNaN(new Date(value).getTime());
}

/** Whether an instant is a due date the desk accepts (see DUE_AT_MAX_YEARS_AHEAD); past dates are allowed (a deadline already missed). */
export function isDueAtInRange(value: string, now: Date = new Date()): boolean {
  const at = new Date(value).getTime();
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + DUE_AT_MAX_YEARS_AHEAD);
  return at >= DUE_AT_EARLIEST && at <= latest.getTime();
}

/** The stored form of a due date: UTC, millisecond precision (sorts as text against the other times); null for blank. */
export function normalizeDueAt(value: string | null | undefined): string | null {
  return value == null || value.trim() === "" ? null : new Date(value.trim()).toISOString();
}

/** A due date as the forms and the API send it; blank or null means none. Store it with normalizeDueAt. */
export const dueAtSchema = z
  .string()
  .trim()
  .refine((value) => value === "" || isIsoInstant(value), { message: DUE_AT_FORMAT_MESSAGE })
  .refine((value) => value === "" || !isIsoInstant(value) || isDueAtInRange(value), { message: DUE_AT_RANGE_MESSAGE })
  .meta({ description: "ISO-8601 instant with a time zone (stored in UTC); blank or null: no due date.", example: "2026-12-03T17:00:00Z" });

/** True for absolute http(s) URLs with a host; javascript:, data:, ftp:, mailto: and relative paths are refused. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const isBlank = (value: string | null | undefined): boolean => value == null || value.trim() === "";

const id = z.number().int().positive();
const optionalText = (max: number) => z.string().trim().max(max, `Keep this under ${max} characters`).nullish();

export const expectedVersionSchema = z
  .number({ error: "Send the version of the claim you were looking at" })
  .int()
  .min(1);

export const citationInputSchema = z
  .object({
    url: z
      .string()
      .trim()
      .max(2000, "Keep the address under 2000 characters")
      .refine((value) => value === "" || isHttpUrl(value), {
        message: "Enter a web address starting with http:// or https://",
      })
      .nullish(),
    documentRef: optionalText(500),
    title: z.string().trim().min(1, "Give the source a title").max(500, "Keep the title under 500 characters"),
    publisher: optionalText(300),
    // Not trimmed: the quote must stay byte-for-byte comparable with the article slice it came from.
    quote: z
      .string()
      .max(QUOTE_MAX, `Keep the quote under ${QUOTE_MAX} characters`)
      .refine((value) => value.trim() !== "", { message: "Quote the passage this citation relies on" }),
    accessedAt: z
      .string()
      .trim()
      .refine((value) => value === "" || isIsoDateOrDateTime(value), {
        message: "Use an ISO date such as 2024-05-01 or 2024-05-01T09:30:00Z",
      })
      .nullish(),
    kind: z.enum(CITATION_KINDS, { error: "Choose origin, supports, refutes or context" }),
    articleId: id.nullish(),
    quoteStart: z.number().int().min(0, "Offsets start at 0").nullish(),
    quoteEnd: z.number().int().min(0, "Offsets start at 0").nullish(),
  })
  .superRefine((citation, ctx) => {
    if (isBlank(citation.url) && isBlank(citation.documentRef)) {
      ctx.addIssue({ code: "custom", path: ["url"], message: "Give a web address or a document reference" });
    }
    const hasStart = citation.quoteStart != null;
    const hasEnd = citation.quoteEnd != null;
    if (hasStart !== hasEnd) {
      ctx.addIssue({
        code: "custom",
        path: [hasStart ? "quoteEnd" : "quoteStart"],
        message: "Give both the start and the end of the quote, or neither",
      });
    } else if (hasStart && hasEnd && citation.quoteStart! >= citation.quoteEnd!) {
      ctx.addIssue({ code: "custom", path: ["quoteEnd"], message: "The quote must end after it starts" });
    }
  });

const citationList = (min: number) =>
  z
    .array(citationInputSchema)
    .min(min, "Attach at least one citation")
    .max(MAX_CITATIONS_PER_REQUEST, `Attach at most ${MAX_CITATIONS_PER_REQUEST} citations at a time`);

export const claimTextSchema = z
  .string({ error: "Write the claim" })
  .trim()
  .min(CLAIM_TEXT_MIN, `A claim needs at least ${CLAIM_TEXT_MIN} characters`)
  .max(CLAIM_TEXT_MAX, `Keep the claim under ${CLAIM_TEXT_MAX} characters`);

export const submitClaimSchema = z.object({
  text: claimTextSchema,
  articleId: id.nullish(),
  note: optionalText(NOTE_MAX),
  citations: citationList(1).refine((list) => list.some((c) => c.kind === "origin"), {
    message: "Include the origin citation: where the claim was made",
  }),
  /** When the check is due; any submitter may set it on their own claim (editors change it later). */
  dueAt: dueAtSchema.nullish(),
});

export const TRANSITION_ACTIONS = ["review", "verify", "return"] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

export const transitionSchema = z
  .object({
    action: z.enum(TRANSITION_ACTIONS, { error: "Choose review, verify or return" }),
    note: z.string({ error: "Write a note for this sign-off" }).trim().max(NOTE_MAX),
    citations: citationList(0).optional(),
    citationIds: z.array(id).max(50, "Name at most 50 citations").optional(),
    verdict: z.enum(VERDICTS, { error: "Choose a verdict" }).nullish(),
    expectedVersion: expectedVersionSchema,
  })
  .superRefine((input, ctx) => {
    if (input.note === "") {
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message: input.action === "return" ? "Give the reason for returning this claim" : "Write a note for this sign-off",
      });
    }
    if ((input.citations?.length ?? 0) + (input.citationIds?.length ?? 0) === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["citations"],
        message: "A sign-off must rest on at least one citation: attach a new one or choose existing ones",
      });
    }
    if (input.action === "verify" && input.verdict == null) {
      ctx.addIssue({ code: "custom", path: ["verdict"], message: "Verifying a claim needs a verdict" });
    }
    if (input.action !== "verify" && input.verdict != null) {
      ctx.addIssue({ code: "custom", path: ["verdict"], message: "Only a verify sign-off carries a verdict" });
    }
  });

export const editClaimSchema = z.object({
  text: claimTextSchema,
  expectedVersion: expectedVersionSchema,
  note: optionalText(NOTE_MAX),
});

export const addCitationsSchema = z.object({
  citations: citationList(1),
  expectedVersion: expectedVersionSchema,
});

export const assignClaimSchema = z.object({
  assigneeId: id.nullable(),
  expectedVersion: expectedVersionSchema,
});

/** Sets (or, with null or blank, clears) a claim's due date: a versioned change like an assignment. */
export const setDueDateSchema = z.object({
  dueAt: dueAtSchema.nullable(),
  expectedVersion: expectedVersionSchema,
});

/** "due": soonest due date first, claims without one after them (oldest first among equals, by id). */
export const CLAIM_SORTS = ["oldest", "newest", "due"] as const;
/** Claims past their deadline, or within the due-soon window before it (lib/deadlines says what both mean). */
export const DEADLINE_FILTERS = ["overdue", "due_soon"] as const;
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];
export type ClaimSort = (typeof CLAIM_SORTS)[number];
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** Filters for the claim queue. `assigneeId: "none"` selects unassigned claims. */
export const claimFiltersSchema = z.object({
  state: z.enum(CLAIM_STATES).optional(),
  articleId: id.optional(),
  assigneeId: z.union([id, z.literal("none")]).optional(),
  submitterId: id.optional(),
  verdict: z.enum(VERDICTS).optional(),
  q: z.string().trim().max(200, "Keep the search under 200 characters").optional(),
  sort: z.enum(CLAIM_SORTS).optional(),
  deadline: z.enum(DEADLINE_FILTERS).optional(),
  /** The issue's `overdue=true` (GET /api/v1/claims): the same as deadline "overdue". */
  overdue: z.enum(["true", "1"]).optional(),
});

export const pageSchema = z.object({
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

const queryId = z.coerce.number().int().positive();

/** The same filters plus paging read from URL search params (strings), numbers coerced. Use `parseClaimListQuery` to drop blank params first. */
export const claimListQuerySchema = z.object({
  state: z.enum(CLAIM_STATES).optional(),
  articleId: queryId.optional(),
  assigneeId: z.union([z.literal("none"), queryId]).optional(),
  submitterId: queryId.optional(),
  verdict: z.enum(VERDICTS).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(CLAIM_SORTS).optional(),
  deadline: z.enum(DEADLINE_FILTERS).optional(),
  /** The issue's `overdue=true`: the same as deadline=overdue. */
  overdue: z.enum(["true", "1"]).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

/**
 * The queue's query: the list's filters plus the two that depend on who asks, `assigned=me` (claims
 * assigned to the viewer) and `actionable=1` (claims the workflow rules let the viewer review or
 * verify now). The API list takes them too once its route resolves them (see lib/workflow queries).
 */
export const queueQuerySchema = claimListQuerySchema.extend({
  assigned: z.literal("me").optional(),
  actionable: z.enum(["1", "true"]).optional(),
});

export type CitationInput = z.input<typeof citationInputSchema>;
export type ParsedCitationInput = z.output<typeof citationInputSchema>;
export type SubmitClaimInput = z.input<typeof submitClaimSchema>;
export type TransitionInput = z.input<typeof transitionSchema>;
export type EditClaimInput = z.input<typeof editClaimSchema>;
export type AddCitationsInput = z.input<typeof addCitationsSchema>;
export type AssignClaimInput = z.input<typeof assignClaimSchema>;
export type SetDueDateInput = z.input<typeof setDueDateSchema>;
export type ClaimFilters = z.output<typeof claimFiltersSchema>;
export type PageInput = z.output<typeof pageSchema>;
export type ClaimListQuery = z.output<typeof claimListQuerySchema>;
export type QueueQuery = z.output<typeof queueQuerySchema>;

/** Parses `?state=…&q=…&cursor=…` from a route handler or a page's `searchParams`; blank and repeated params are ignored / first wins. */
export function parseClaimListQuery(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  return parseQuery(claimListQuerySchema, params);
}

/** Parses the queue page's query (the list's filters plus `assigned` and `actionable`). */
export function parseQueueQuery(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  return parseQuery(queueQuerySchema, params);
}
