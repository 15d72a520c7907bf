import type { z } from "zod";
import type { ApiRouteSpec } from "./route-spec";

/** The /api/v1 endpoints for comments, mentions, follows, notifications and desk users; spread into the route table (lib/api/routes.ts). */
export const TALK_ROUTES = {} as const satisfies Record<string, ApiRouteSpec>;

/** Request and response schemas these routes name, as they appear under components.schemas in the OpenAPI document. */
export const TALK_REQUEST_SCHEMAS: Record<string, z.ZodType> = {};
export const TALK_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {};
