import { z } from "zod";
import { type Article } from "@/db/schema";
import { CITATION_KINDS, CLAIM_STATES, ROLES, SIGNOFF_ACTIONS, VERDICTS } from "@/lib/core/vocabulary";
import type { ArticleListItem } from "@/lib/articles/articles";
import type { ArticleCandidate } from "@/lib/articles/candidates";
import type { ErrorCode } from "@/lib/core/result";
import type { TokenSummary } from "@/lib/tokens/tokens";
import type { AuditChainReport } from "@/lib/workflow/audit";
import type { CitationView, ClaimDetail, ClaimListItem, ClaimPage, SignoffView } from "@/lib/workflow/types";

/*
 * Response shapes of /api/v1 as zod schemas, for the OpenAPI document. The domain's TypeScript types
 * are the source; the compile-time checks at the bottom fail the build if the two ever disagree.
 */

const id = z.number().int().positive();
const time = z.string().meta({ format: "date-time", description: "ISO 8601, UTC" });
const nullableText = z.string().nullable();

export const errorCodes = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "invalid",
  "rate_limited",
  "not_implemented",
  "method_not_allowed",
  "internal",
] as const satisfies ReadonlyArray<ErrorCode | "method_not_allowed" | "internal">;

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string().meta({ description: "For people: what went wrong and, for 403, the rule that refused it." }),
    fields: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "422 only: messages per input field, keyed by dotted path (e.g. `citations.0.url`)." }),
    details: z.record(z.string(), z.unknown()).optional().meta({ description: "Extra context, e.g. the current version on a 409." }),
    requestId: z
      .string()
      .optional()
      .meta({ description: "The request's id, as in the `X-Request-Id` header and the server's log line: quote it when reporting a problem." }),
  }),
});

export const healthSchema = z.object({
  status: z.literal("ok"),
  version: z.string(),
  time,
});

export const meSchema = z
  .object({
    id,
    name: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
  })
  .meta({ description: "The person the token acts as, as they are now (role changes apply at once)." });

export const articleSchema = z.object({
  id,
  title: z.string(),
  body: z.string(),
  sourceUrl: nullableText,
  publisher: nullableText,
  publishedAt: nullableText,
  contentHash: z.string().meta({ description: "sha256 of the whitespace-normalised body; the same text is refused twice (409)." }),
  createdById: id,
  createdAt: time,
});

export const articleListItemSchema = articleSchema.omit({ body: true }).extend({
  claimCount: z.number().int().min(0),
  excerpt: z.string().meta({ description: "The first 240 characters of the body." }),
});

export const citationSchema = z.object({
  id,
  claimId: id,
  kind: z.enum(CITATION_KINDS),
  url: nullableText,
  documentRef: nullableText,
  title: z.string(),
  publisher: nullableText,
  quote: z.string(),
  quoteHash: z.string().meta({ description: "sha256 of the quote when it was attached." }),
  accessedAt: z.string(),
  articleId: id.nullable(),
  quoteStart: z.number().int().nullable(),
  quoteEnd: z.number().int().nullable(),
  addedById: id,
  createdAt: time,
});

export const signoffSchema = z.object({
  id,
  action: z.enum(SIGNOFF_ACTIONS),
  fromState: z.enum(CLAIM_STATES).nullable(),
  toState: z.enum(CLAIM_STATES),
  userId: id,
  userName: z.string(),
  note: z.string(),
  verdict: z.enum(VERDICTS).nullable(),
  claimVersion: z.number().int().meta({ description: "The claim's version right after this sign-off: the text it approved." }),
  textHash: z.string(),
  round: z.number().int(),
  createdAt: time,
  hash: z.string().meta({ description: "Audit chain hash: sha256 of the previous sign-off's hash and this row." }),
  citationIds: z.array(id).meta({ description: "The citations this sign-off rests on." }),
});

export const claimSchema = z.object({
  id,
  text: z.string(),
  textHash: z.string(),
  state: z.enum(CLAIM_STATES),
  verdict: z.enum(VERDICTS).nullable(),
  version: z.number().int().min(1).meta({ description: "Goes up on every change; send it back as `expectedVersion`." }),
  round: z.number().int(),
  articleId: id.nullable(),
  submitterId: id,
  submitterName: z.string(),
  assigneeId: id.nullable(),
  assigneeName: nullableText,
  currentReviewerId: id.nullable(),
  createdAt: time,
  updatedAt: time,
  dueAt: time.nullable().meta({
    format: "date-time",
    description: "When the check is due (UTC). null: judged against the desk's target time for its state (GET /deadlines/targets).",
  }),
  enteredStateAt: time.nullable().meta({ format: "date-time", description: "When the claim entered its current state (its latest sign-off)." }),
  citations: z.array(citationSchema),
  signoffs: z.array(signoffSchema).meta({ description: "Oldest first." }),
});

export const claimDetailSchema = claimSchema.extend({
  articleTitle: nullableText,
  revisions: z.array(
    z.object({
      version: z.number().int(),
      text: z.string(),
      textHash: z.string(),
      editedById: id,
      editedByName: z.string(),
      note: z.string().nullable().meta({ description: "Why the text was changed; null for version 1 and for edits without a note." }),
      createdAt: time,
    }),
  ),
  assignments: z.array(
    z.object({
      id,
      assigneeId: id.nullable(),
      assigneeName: nullableText,
      assignedById: id,
      assignedByName: z.string(),
      createdAt: time,
    }),
  ),
  dueChanges: z
    .array(
      z.object({
        id,
        dueAt: time.nullable().meta({ format: "date-time", description: "null: cleared." }),
        previousDueAt: time.nullable(),
        changedById: id,
        changedByName: z.string(),
        createdAt: time,
      }),
    )
    .meta({ description: "Every due date the claim was given (at submit or later), oldest first." }),
});

export const candidateSchema = z.object({
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  score: z.number().min(0).max(1),
  boilerplate: z.boolean(),
  conflicts: z.array(
    z.object({
      kind: z.string(),
      values: z.tuple([z.string(), z.string()]),
      otherArticleId: id,
      otherArticleTitle: z.string(),
      otherStart: z.number().int(),
      otherEnd: z.number().int(),
      otherText: z.string(),
    }),
  ),
  claims: z.array(z.object({ id, state: z.enum(CLAIM_STATES), text: z.string() })),
});

const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  });

export const articleListSchema = listOf(articleListItemSchema);
export const claimListSchema = listOf(claimSchema).extend({
  prevCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the page before this one; null on the first page." }),
});
export const candidateListSchema = listOf(candidateSchema);

const hash = z.string().meta({ description: "sha256, 64 lowercase hex digits" });
export const auditReportSchema = z.object({
  ok: z.boolean().meta({ description: "true when no problem was found (and the expected head, if sent, is in the chain)." }),
  count: z.number().int().meta({ description: "How many sign-offs the chain holds; every one was checked." }),
  headHash: hash.meta({
    description: "The newest sign-off's hash (64 zeros for an empty chain). Record it outside Factdesk and send it back as `expectHead` to detect a rewritten and re-hashed history.",
  }),
  problems: z
    .array(
      z.object({
        signoffId: id.nullable(),
        claimId: id.nullable(),
        citationId: id.nullable(),
        reason: z.string(),
      }),
    )
    .meta({ description: "Every problem found, in chain order, then claims whose state, verdict or text differ from their latest sign-off. Empty when ok." }),
  brokenId: id.nullable().meta({ description: "The first problem's sign-off (kept for older clients); null when ok or when it concerns a claim only." }),
  reason: z.string().nullable().meta({ description: "The first problem's reason (kept for older clients); null when ok." }),
  anchor: z
    .object({ hash, signoffId: z.number().int().min(0).nullable().meta({ description: "The sign-off carrying the expected head (0 for the empty chain's); null when no row does." }) })
    .optional()
    .meta({ description: "Only when `expectHead` was sent." }),
});

export const publishedSummarySchema = z
  .object({
    id: id.meta({ description: "The publication (this version)." }),
    summaryId: id,
    articleId: id,
    slug: z.string(),
    version: z.number().int().min(1),
    title: z.string(),
    introduction: z.string(),
    correctionNote: nullableText.meta({ description: "Why this version replaced the previous one; null on version 1." }),
    publishedById: id,
    publishedAt: time,
    claimCount: z.number().int().min(1),
    url: z.string().meta({ description: "The public summary page (always its newest version)." }),
    versionUrl: z.string().meta({ description: "This version's own page, readable for good." }),
    created: z.boolean().meta({ description: "false when the request repeated the newest version exactly and nothing was written." }),
  })
  .meta({ description: "The summary and the publication (version) this request made or repeated." });

export type PublishedSummaryResource = z.output<typeof publishedSummarySchema>;

export const tokenSummarySchema = z.object({
  id,
  name: z.string(),
  prefix: z.string(),
  createdAt: time,
  lastUsedAt: time.nullable(),
  revokedAt: time.nullable(),
  expiresAt: time.nullable().meta({ description: "When the token stops working; null when it does not expire." }),
});

// Compile-time drift checks: each schema's output type must equal the domain type it documents.
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
export type SchemaChecks = [
  Expect<Equal<z.output<typeof articleSchema>, Article>>,
  Expect<Equal<z.output<typeof articleListItemSchema>, ArticleListItem>>,
  Expect<Equal<z.output<typeof citationSchema>, CitationView>>,
  Expect<Equal<z.output<typeof signoffSchema>, SignoffView>>,
  Expect<Equal<z.output<typeof claimSchema>, ClaimListItem>>,
  Expect<Equal<z.output<typeof claimDetailSchema>, ClaimDetail>>,
  Expect<Equal<z.output<typeof claimListSchema>, ClaimPage>>,
  Expect<Equal<Omit<z.output<typeof candidateSchema>, "conflicts">, Omit<ArticleCandidate, "conflicts">>>,
  Expect<Equal<z.output<typeof auditReportSchema>, AuditChainReport>>,
  Expect<Equal<z.output<typeof tokenSummarySchema>, TokenSummary>>,
];
