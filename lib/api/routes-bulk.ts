import type { z } from "zod";
import type { ApiRouteSpec } from "./route-spec";

/** The /api/v1 endpoints for bulk changes to many claims; spread into the route table (lib/api/routes.ts). */
export const BULK_ROUTES = {} as const satisfies Record<string, ApiRouteSpec>;

/** Request and response schemas these routes name, as they appear under components.schemas in the OpenAPI document. */
export const BULK_REQUEST_SCHEMAS: Record<string, z.ZodType> = {};
export const BULK_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {};
