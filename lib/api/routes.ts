import { createArticleSchema } from "@/lib/validations/articles";
import {
  addCitationsSchema,
  assignClaimSchema,
  editClaimSchema,
  queueQuerySchema,
  submitClaimSchema,
  transitionSchema,
} from "@/lib/validations/claims";
import { publishSummarySchema } from "@/lib/validations/publish";
import {
  articleListSchema,
  articleSchema,
  auditReportSchema,
  candidateListSchema,
  claimDetailSchema,
  claimListSchema,
  healthSchema,
  meSchema,
  publishedSummarySchema,
} from "./schemas";
import { z as zod } from "zod";
import type { ApiRouteSpec } from "./route-spec";
import { BULK_ROUTES } from "./routes-bulk";
import { DEADLINE_ROUTES } from "./routes-deadlines";
import { MATCH_ROUTES } from "./routes-match";
import { OPS_ROUTES } from "./routes-ops";
import { DELIVERY_ROUTES } from "./routes-delivery";
import { LIVE_ROUTES } from "./routes-live";
import { STATS_ROUTES } from "./routes-stats";
import { TALK_ROUTES } from "./routes-talk";

export type { ApiRouteSpec, HttpMethod, ApiTag } from "./route-spec";

/*
 * The route table: the one list of /api/v1 endpoints. Route handlers take their role, rule,
 * idempotency and success status from here (`apiRoute(API_ROUTES.createClaim, …)`), and the
 * OpenAPI document is generated from it, so the docs cannot describe a different API from the one served.
 */

const ROUTES = {
  health: {
    method: "GET",
    path: "/health",
    tag: "System",
    summary: "Is the service up",
    description: "Answers 200 when the app and its database respond.",
    role: null,
    response: healthSchema,
    errors: [],
  },
  me: {
    method: "GET",
    path: "/me",
    tag: "System",
    summary: "Who this token acts as",
    description: "The token's user as they are now: `{id, name, email, role}`. A cheap way for an integration to check its token.",
    role: "reporter",
    response: meSchema,
    errors: [],
  },
  createArticle: {
    method: "POST",
    path: "/articles",
    tag: "Articles",
    summary: "Add an article to the desk",
    description: "The same text (whitespace aside) cannot be added twice: the second attempt is a 409 with `details.existingArticleId`.",
    role: "reporter",
    idempotent: true,
    status: 201,
    body: createArticleSchema,
    response: articleSchema,
    errors: [400, 403, 409, 413, 422],
  },
  listArticles: {
    method: "GET",
    path: "/articles",
    tag: "Articles",
    summary: "List articles, newest first",
    role: "reporter",
    query: zod.object({
      cursor: zod.string().max(200).optional().meta({ description: "`nextCursor` of the previous page." }),
      limit: zod.coerce.number().int().min(1).max(100).optional().meta({ description: "Page size, 1–100 (default 25)." }),
    }),
    response: articleListSchema,
    errors: [422],
  },
  getArticle: {
    method: "GET",
    path: "/articles/{id}",
    tag: "Articles",
    summary: "One article with its full text",
    role: "reporter",
    response: articleSchema,
    errors: [404],
  },
  listCandidates: {
    method: "GET",
    path: "/articles/{id}/candidates",
    tag: "Articles",
    summary: "The article's sentences ranked by check-worthiness",
    description: "Every sentence, best first, with its score in [0, 1], whether it is boilerplate, conflicts with other articles, and claims already made from it.",
    role: "reporter",
    response: candidateListSchema,
    errors: [404],
  },
  publishArticle: {
    method: "POST",
    path: "/articles/{id}/publish",
    tag: "Articles",
    summary: "Publish (or republish) the article's fact-check summary",
    description:
      "Editors only. The verified claims become an immutable, versioned public summary; republishing needs a `correctionNote`. " +
      "`slug` chooses the address at first publication (derived from the title when omitted; 422 naming `slug` when taken); " +
      "it never changes, so a republish naming a different `slug` is refused with 422.",
    role: "editor",
    rule: "Only editors can publish summaries",
    idempotent: true,
    status: 201,
    body: publishSummarySchema,
    response: publishedSummarySchema,
    errors: [400, 403, 404, 409, 413, 422],
  },
  createClaim: {
    method: "POST",
    path: "/claims",
    tag: "Claims",
    summary: "Submit a claim (creates it in draft)",
    description:
      "The submit is the claim's first sign-off: it needs the text and at least one citation, including its `origin` (where the claim was made).",
    role: "reporter",
    idempotent: true,
    status: 201,
    body: submitClaimSchema,
    response: claimDetailSchema,
    errors: [400, 403, 404, 413, 422],
  },
  listClaims: {
    method: "GET",
    path: "/claims",
    tag: "Claims",
    summary: "Search and filter claims",
    description:
      "`q` is a full-text search of the claim text. `assigned=me` keeps the claims assigned to the token's user; `actionable=1` keeps those the workflow rules let them review or verify now (four-eyes and two-person rules). Cursor pagination: pass `nextCursor` back as `cursor` for the next page, `prevCursor` for the one before.\n\nWith `Accept: text/csv` the answer is instead every matching claim (all pages; `cursor` and `limit` ignored) as a streamed CSV download (`Content-Disposition: attachment; filename=\"factdesk-claims-YYYY-MM-DD.csv\"`): UTF-8 with a byte order mark, RFC 4180 quoting, CRLF between records, a header row and the columns ID, State, Verdict, Claim, Article, Submitter, Reviewer (current round), Assignee, Created, Last changed, In state since, URL — the same file as the queue's Export CSV.",
    role: "reporter",
    query: queueQuerySchema,
    response: claimListSchema,
    errors: [422],
  },
  getClaim: {
    method: "GET",
    path: "/claims/{id}",
    tag: "Claims",
    summary: "One claim with citations, sign-offs, revisions and version",
    role: "reporter",
    response: claimDetailSchema,
    errors: [404],
  },
  editClaim: {
    method: "PATCH",
    path: "/claims/{id}",
    tag: "Claims",
    summary: "Edit a draft claim's text",
    description: "Only in `draft`, by its submitter or an editor. Send the `expectedVersion` you read; a stale one is a 409.",
    role: "reporter",
    body: editClaimSchema,
    response: claimDetailSchema,
    errors: [400, 403, 404, 409, 413, 422],
  },
  addCitations: {
    method: "POST",
    path: "/claims/{id}/citations",
    tag: "Claims",
    summary: "Attach citations to a claim",
    description: "By the submitter or an editor, in any state. Answers with the whole claim, its new citations included (their ids are what `citationIds` names).",
    role: "reporter",
    idempotent: true,
    status: 201,
    body: addCitationsSchema,
    response: claimDetailSchema,
    errors: [400, 403, 404, 409, 413, 422],
  },
  transitionClaim: {
    method: "POST",
    path: "/claims/{id}/transitions",
    tag: "Claims",
    summary: "Review, verify or return a claim (a signed, cited sign-off)",
    description:
      "`review`: draft → reviewed, by an editor who did not submit it. `verify`: reviewed → verified with a `verdict`, by an editor who neither submitted nor reviewed it. `return`: back to draft with a reason. Every sign-off rests on at least one citation: new `citations`, or existing `citationIds`.",
    role: "reporter",
    idempotent: true,
    body: transitionSchema,
    response: claimDetailSchema,
    errors: [400, 403, 404, 409, 413, 422],
  },
  assignClaim: {
    method: "POST",
    path: "/claims/{id}/assign",
    tag: "Claims",
    summary: "Assign a claim to an editor (or unassign with null)",
    description: "Editors assign; the assignee must be an active editor or admin. Send `assigneeId: null` to unassign.",
    role: "reporter",
    idempotent: true,
    body: assignClaimSchema,
    response: claimDetailSchema,
    errors: [400, 403, 404, 409, 413, 422],
  },
  verifyAudit: {
    method: "GET",
    path: "/audit/verify",
    tag: "Audit",
    summary: "Verify the sign-off hash chain",
    description:
      "Admins only. Recomputes every sign-off's hash, checks every citation a sign-off rests on against the citation as signed and every claim's state, verdict and text against its latest sign-off; `problems` lists everything found, `headHash` is the anchor to record. With `expectHead`, `ok` is false unless that recorded head is still in the chain.",
    role: "admin",
    rule: "Only admins can verify the audit chain",
    query: zod.object({
      expectHead: zod
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, "Send a head hash as 64 hex digits")
        .optional()
        .meta({ description: "A `headHash` recorded earlier; the chain must still contain it." }),
    }),
    response: auditReportSchema,
    errors: [403, 422],
  },
  // The team workspace's endpoints (#11), one file per area so each is written and reviewed on its own.
  ...TALK_ROUTES,
  ...DELIVERY_ROUTES,
  ...LIVE_ROUTES,
  // Oversight (#12).
  ...STATS_ROUTES,
  ...BULK_ROUTES,
  ...DEADLINE_ROUTES,
  // Matching against earlier fact-checks (#13).
  ...MATCH_ROUTES,
  // Running it: readiness (#16).
  ...OPS_ROUTES,
} as const satisfies Record<string, ApiRouteSpec>;

export const API_ROUTES: { readonly [K in keyof typeof ROUTES]: (typeof ROUTES)[K] & ApiRouteSpec } = ROUTES;
export type ApiRouteName = keyof typeof ROUTES;
export const API_BASE_PATH = "/api/v1";
