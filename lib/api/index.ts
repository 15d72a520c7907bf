export { apiRoute, publicApiRoute, methodNotAllowed, type ApiContext, type ApiHandler, type ApiOutcome, type ApiRouteOptions } from "./route";
export { authenticate, bearerToken, type ApiActor } from "./auth";
export { readJsonBody, MAX_BODY_BYTES } from "./body";
export { errorPayload, errorResponse, jsonResponse, internalErrorResponse } from "./errors";
export { RateLimiter, apiRateLimiter, configuredRateLimit, DEFAULT_RATE_LIMIT_PER_MINUTE } from "./rate-limit";
