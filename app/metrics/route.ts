import { getDb } from "@/db/client";
import { APP_HANDLER_NAMES } from "@/lib/events/effects";
import { logFailure } from "@/lib/observability/logger";
import { metricsAccess } from "@/lib/observability/metrics-access";
import { METRICS_CONTENT_TYPE, metricsText } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

const PLAIN = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };

/** GET /metrics: Prometheus text format for the operator's scraper (lib/observability/metrics.ts); who may read it: metrics-access.ts. */
export async function GET(request: Request): Promise<Response> {
  const access = metricsAccess(request.headers);
  if (!access.ok) {
    return new Response(`${access.message}\n`, {
      status: access.status,
      headers: { ...PLAIN, ...(access.status === 401 ? { "WWW-Authenticate": 'Bearer realm="factdesk-metrics"' } : {}) },
    });
  }
  try {
    return new Response(await metricsText(getDb(), APP_HANDLER_NAMES), { headers: { "Content-Type": METRICS_CONTENT_TYPE, "Cache-Control": "no-store" } });
  } catch (error) {
    logFailure("metrics", error);
    return new Response("Metrics could not be collected; see the log.\n", { status: 500, headers: PLAIN });
  }
}
