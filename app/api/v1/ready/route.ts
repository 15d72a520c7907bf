import { getDb } from "@/db/client";
import { methodNotAllowed, publicApiRoute } from "@/lib/api";
import { emailEnabled } from "@/lib/email/config";
import { lastDeliveryTick } from "@/lib/delivery/loop";
import { APP_HANDLER_NAMES } from "@/lib/events/effects";
import { checkReady } from "@/lib/health/ready";

export const dynamic = "force-dynamic";

/** Public like /health: load balancers ask it without a token. 503 names the failing checks (lib/health/ready.ts). */
export const GET = publicApiRoute(async () => {
  const readiness = await checkReady(getDb(), { consumers: APP_HANDLER_NAMES, emailEnabled: emailEnabled(), deliveryTickAt: lastDeliveryTick() });
  return new Response(JSON.stringify(readiness), { status: readiness.status === "ready" ? 200 : 503 });
});

const notAllowed = methodNotAllowed("GET");
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
