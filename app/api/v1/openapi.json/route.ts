import { publicApiRoute } from "@/lib/api";
import { openApiDocument } from "@/lib/api/openapi";
import { ok } from "@/lib/result";

export const GET = publicApiRoute(() => ok(openApiDocument()));
