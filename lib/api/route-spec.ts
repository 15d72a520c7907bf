import type { z } from "zod";
import type { Role } from "@/lib/core/vocabulary";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The OpenAPI document's groups; each has its description in lib/api/openapi.ts. */
export type ApiTag = "System" | "Articles" | "Claims" | "Audit" | "Users" | "Comments" | "Notifications" | "Webhooks" | "Events" | "Stats" | "Deadlines" | "Fact-checks" | "Matching" | "Operations";

/** One /api/v1 endpoint as the route table (lib/api/routes.ts) describes it. */
export interface ApiRouteSpec {
  method: HttpMethod;
  /** OpenAPI path under /api/v1, e.g. `/claims/{id}`. */
  path: string;
  tag: ApiTag;
  summary: string;
  description?: string;
  /** Least role; null for public endpoints. */
  role: Role | null;
  /** Named in the 403 when the role is too low. */
  rule?: string;
  idempotent?: boolean;
  status?: number;
  body?: z.ZodType;
  query?: z.ZodObject;
  response?: z.ZodType;
  /** The success answer's media type when it is not JSON (`text/event-stream` for the event stream). */
  contentType?: string;
  /** Error statuses this endpoint answers with besides 401/429 (added to every authenticated one). */
  errors: number[];
}
