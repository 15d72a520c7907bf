import type { z } from "zod";
import type { ApiRouteSpec } from "./route-spec";

/** The /api/v1 endpoints for webhooks and their deliveries; spread into the route table (lib/api/routes.ts). */
export const DELIVERY_ROUTES = {} as const satisfies Record<string, ApiRouteSpec>;

/** Request and response schemas these routes name, as they appear under components.schemas in the OpenAPI document. */
export const DELIVERY_REQUEST_SCHEMAS: Record<string, z.ZodType> = {};
export const DELIVERY_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {};
