import { z } from "zod";
import { createArticleSchema } from "@/lib/validations/articles";
import {
  addCitationsSchema,
  assignClaimSchema,
  citationInputSchema,
  editClaimSchema,
  submitClaimSchema,
  transitionSchema,
} from "@/lib/validations/claims";
import { publishSummarySchema } from "@/lib/validations/publish";
import { MAX_BODY_BYTES } from "./body";
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from "./rate-limit";
import { API_BASE_PATH, API_ROUTES, type ApiRouteSpec } from "./routes";
import { BULK_REQUEST_SCHEMAS, BULK_RESPONSE_SCHEMAS } from "./routes-bulk";
import { DEADLINE_REQUEST_SCHEMAS, DEADLINE_RESPONSE_SCHEMAS } from "./routes-deadlines";
import { MATCH_REQUEST_SCHEMAS, MATCH_RESPONSE_SCHEMAS } from "./routes-match";
import { OPS_REQUEST_SCHEMAS, OPS_RESPONSE_SCHEMAS } from "./routes-ops";
import { DELIVERY_REQUEST_SCHEMAS, DELIVERY_RESPONSE_SCHEMAS } from "./routes-delivery";
import { LIVE_REQUEST_SCHEMAS, LIVE_RESPONSE_SCHEMAS } from "./routes-live";
import { STATS_REQUEST_SCHEMAS, STATS_RESPONSE_SCHEMAS } from "./routes-stats";
import { TALK_REQUEST_SCHEMAS, TALK_RESPONSE_SCHEMAS } from "./routes-talk";
import * as schemas from "./schemas";

type JsonSchema = Record<string, unknown>;

/** Named schemas, written once as zod and shared with the handlers and forms; the document $refs them. */
const REQUEST_SCHEMAS: Record<string, z.ZodType> = {
  CreateArticle: createArticleSchema,
  CitationInput: citationInputSchema,
  SubmitClaim: submitClaimSchema,
  EditClaim: editClaimSchema,
  AddCitations: addCitationsSchema,
  Transition: transitionSchema,
  AssignClaim: assignClaimSchema,
  PublishSummary: publishSummarySchema,
  ...TALK_REQUEST_SCHEMAS,
  ...DELIVERY_REQUEST_SCHEMAS,
  ...LIVE_REQUEST_SCHEMAS,
  ...STATS_REQUEST_SCHEMAS,
  ...BULK_REQUEST_SCHEMAS,
  ...DEADLINE_REQUEST_SCHEMAS,
  ...MATCH_REQUEST_SCHEMAS,
  ...OPS_REQUEST_SCHEMAS,
};

const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  Error: schemas.errorResponseSchema,
  Health: schemas.healthSchema,
  Article: schemas.articleSchema,
  ArticleListItem: schemas.articleListItemSchema,
  ArticleList: schemas.articleListSchema,
  Citation: schemas.citationSchema,
  Signoff: schemas.signoffSchema,
  Claim: schemas.claimSchema,
  ClaimDetail: schemas.claimDetailSchema,
  ClaimList: schemas.claimListSchema,
  Candidate: schemas.candidateSchema,
  CandidateList: schemas.candidateListSchema,
  AuditReport: schemas.auditReportSchema,
  PublishedSummary: schemas.publishedSummarySchema,
  ...TALK_RESPONSE_SCHEMAS,
  ...DELIVERY_RESPONSE_SCHEMAS,
  ...LIVE_RESPONSE_SCHEMAS,
  ...STATS_RESPONSE_SCHEMAS,
  ...BULK_RESPONSE_SCHEMAS,
  ...DEADLINE_RESPONSE_SCHEMAS,
  ...MATCH_RESPONSE_SCHEMAS,
  ...OPS_RESPONSE_SCHEMAS,
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** One registry per direction: request bodies are documented as sent (zod input), responses as returned (output). */
function componentSchemas(named: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas: converted } = z.toJSONSchema(registry, {
    io,
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(converted)) {
    const { $schema: _schema, $id: _id, ...rest } = schema;
    out[id] = rest;
  }
  return out;
}

function nameOf(schema: z.ZodType | undefined, named: Record<string, z.ZodType>): string | undefined {
  return schema ? Object.entries(named).find(([, candidate]) => candidate === schema)?.[0] : undefined;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed JSON, a body that is not `application/json`, or a bad `Idempotency-Key`.",
  401: "Missing, unknown or revoked token, or the token's user is disabled.",
  403: "The token's user may not do this; the message names the rule that refused it.",
  404: "No such resource.",
  409: "Conflict: a stale `expectedVersion` (someone changed it since you read it), a duplicate, or a request with the same `Idempotency-Key` still running.",
  413: `The body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB.`,
  422: "Validation failed; `error.fields` has the messages per field. Also: an `Idempotency-Key` reused with a different body.",
  429: "Rate limited; wait the `Retry-After` seconds.",
  501: "Not available yet.",
};

function operation(name: string, spec: ApiRouteSpec): Record<string, unknown> {
  const parameters: unknown[] = [];
  for (const match of spec.path.matchAll(/\{(\w+)\}/g)) {
    parameters.push({ name: match[1], in: "path", required: true, schema: { type: "integer", minimum: 1 } });
  }
  if (spec.query) {
    for (const [key, field] of Object.entries(spec.query.shape as Record<string, z.ZodType>)) {
      const { $schema: _schema, description, ...schema } = z.toJSONSchema(field, { io: "input", unrepresentable: "any" }) as JsonSchema;
      parameters.push({ name: key, in: "query", required: !field.safeParse(undefined).success, schema, ...(description ? { description } : {}) });
    }
  }
  if (spec.idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Any unique string (≤ 255 visible ASCII). A retry with the same key and body within 24 hours returns the first answer and writes nothing new.",
      schema: { type: "string", maxLength: 255 },
    });
  }

  const success = spec.status ?? 200;
  const responseName = nameOf(spec.response, RESPONSE_SCHEMAS);
  const responses: Record<string, unknown> = {
    [success]: {
      description: success === 201 ? "Created" : "OK",
      ...(spec.contentType
        ? { content: { [spec.contentType]: { schema: { type: "string", ...(responseName ? { description: `Each event's data is a JSON ${responseName}.` } : {}) } } } }
        : responseName
          ? { content: { "application/json": { schema: ref(responseName) } } }
          : {}),
    },
  };
  const errors = new Set(spec.errors);
  if (spec.role) {
    errors.add(401);
    errors.add(429);
  }
  for (const status of [...errors].sort()) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? "Error",
      content: { "application/json": { schema: ref("Error") } },
      ...(status === 429 ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } } } : {}),
    };
  }

  const bodyName = nameOf(spec.body, REQUEST_SCHEMAS);
  const access = !spec.role ? "No token needed." : spec.role === "reporter" ? "Any valid token (reporter, editor or admin)." : `Needs a token of an ${spec.role}${spec.role === "admin" ? "" : " or admin"}.`;
  return {
    operationId: name,
    tags: [spec.tag],
    summary: spec.summary,
    description: [spec.description, access].filter(Boolean).join("\n\n"),
    ...(spec.role ? {} : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(bodyName ? { requestBody: { required: true, content: { "application/json": { schema: ref(bodyName) } } } } : {}),
    responses,
    "x-factdesk-role": spec.role,
    ...(spec.idempotent ? { "x-factdesk-idempotent": true } : {}),
  };
}

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document for /api/v1, generated from the route table and the zod schemas. */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(API_ROUTES) as Array<[string, ApiRouteSpec]>) {
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operation(name, spec);
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Factdesk API",
      version: "1.0.0",
      description: [
        "The newsroom fact-check workflow over HTTP: the same rules as the app, because both call the same domain functions.",
        "Authenticate with `Authorization: Bearer TOKEN` (create tokens under Settings → API tokens, or `npx factdesk token:create`). A token acts with its user's current role.",
        `Errors are always \`{"error": {"code", "message", "fields"?, "requestId"?}}\`; \`requestId\` is the \`X-Request-Id\` of the answer. Bodies are JSON, at most ${MAX_BODY_BYTES / 1024 / 1024} MiB. Each token may make ${DEFAULT_RATE_LIMIT_PER_MINUTE} requests a minute by default (\`FACTDESK_API_RATE_LIMIT\`).`,
      ].join("\n\n"),
    },
    servers: [{ url: API_BASE_PATH }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: "System" },
      { name: "Articles", description: "The articles being checked." },
      { name: "Claims", description: "Claims and their signed, cited sign-offs: draft → reviewed → verified." },
      { name: "Audit", description: "The hash-chained sign-off trail." },
      { name: "Users", description: "The people on the desk, for mentions and assignment." },
      { name: "Comments", description: "Discussion beside a claim's timeline; never public, and never a sign-off." },
      { name: "Notifications", description: "Each person's inbox, and the claims they follow." },
      { name: "Webhooks", description: "Signed deliveries of desk events to newsroom tools (admins)." },
      { name: "Events", description: "The desk's events as a Server-Sent Events stream." },
      { name: "Stats", description: "The dashboard's numbers: claims per state, throughput, time in each state, load per person." },
      { name: "Deadlines", description: "Due dates on claims and the desk's target time in each state." },
      { name: "Fact-checks", description: "The archive of earlier fact-checks (schema.org ClaimReview) claims are matched against." },
      { name: "Matching", description: "Has this been checked before? Earlier fact-checks and desk claims that match a text." },
      { name: "Operations", description: "Readiness for load balancers and operators." },
    ],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A Factdesk API token (`fd_…`)." } },
      schemas: { ...componentSchemas(REQUEST_SCHEMAS, "input"), ...componentSchemas(RESPONSE_SCHEMAS, "output") },
    },
  };
  return cached;
}
