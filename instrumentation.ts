/** Runs once when the server starts (Next's instrumentation hook), before requests are handled. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: on PostgreSQL the pool opens (and migrates) asynchronously, and everything after reads
  // the database through getDb(). A database that cannot be opened stops the server here.
  const { openAppDatabase } = await import("@/db/client");
  await openAppDatabase();
  const { parseTrustedProxy } = await import("@/lib/http/trusted-proxy");
  const { stampPeerAddresses } = await import("@/lib/http/peer-address");
  const { observeHttpRequests } = await import("@/lib/observability/http");
  const { startTracingFromEnv } = await import("@/lib/observability/tracing");
  const { logFailure } = await import("@/lib/observability/logger");
  const { startOutboxPoller } = await import("@/lib/events/poller");
  const { startDeliveryWorker } = await import("@/lib/delivery/server");
  const { startDueSoonScanner } = await import("@/lib/deadlines/server");
  // A typo here would otherwise surface as an error on every request.
  parseTrustedProxy(process.env.FACTDESK_TRUSTED_PROXY);
  stampPeerAddresses();
  // Traces only when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise no OpenTelemetry code is loaded.
  await startTracingFromEnv().catch((error: unknown) => logFailure("tracing", error, { note: "tracing is off" }));
  // One log line, one histogram observation (and a span) per request, pages and API alike; the request id.
  observeHttpRequests();
  // Changes committed by other processes (the CLI, demo:load) refresh this server's pages too.
  startOutboxPoller();
  // Webhook calls and emails are sent from their outbox here, never inside a request.
  startDeliveryWorker();
  // Assignees hear about claims nearing their deadline (lib/deadlines).
  startDueSoonScanner();
}
