import type { z } from "zod";
import type { ApiRouteSpec } from "./route-spec";

/** The /api/v1 endpoints for the desk's statistics (the dashboard's numbers); spread into the route table (lib/api/routes.ts). */
export const STATS_ROUTES = {} as const satisfies Record<string, ApiRouteSpec>;

/** Request and response schemas these routes name, as they appear under components.schemas in the OpenAPI document. */
export const STATS_REQUEST_SCHEMAS: Record<string, z.ZodType> = {};
export const STATS_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {};
