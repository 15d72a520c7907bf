import type { z } from "zod";
import type { ApiRouteSpec } from "./route-spec";

/** The /api/v1 endpoints of this area; spread into the route table (lib/api/routes.ts). */
export const OPS_ROUTES = {} as const satisfies Record<string, ApiRouteSpec>;

/** Named request and response schemas of these endpoints, for the OpenAPI document's components. */
export const OPS_REQUEST_SCHEMAS: Record<string, z.ZodType> = {};
export const OPS_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {};
