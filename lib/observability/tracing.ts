import type { Span, Tracer } from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import { Refusal } from "@/lib/core/result";
import { setTransactionHook } from "@/lib/core/transaction";
import { currentRequest } from "./context";

/*
 * Optional traces (OpenTelemetry): with OTEL_EXPORTER_OTLP_ENDPOINT set, one span per HTTP request
 * (from the HTTP observer, ./http.ts) and one per domain transaction (lib/core/transaction.ts's hook),
 * the transaction a child of its request, both carrying the request id, sent over OTLP/HTTP in
 * batches. Unset, nothing of OpenTelemetry is loaded: only types are imported statically, and the SDK
 * comes in by dynamic import inside startTracing. The standard OTEL_* variables (service name, headers)
 * apply to the exporter.
 */

interface TracingState {
  tracer: Tracer;
  api: typeof import("@opentelemetry/api");
  shutdown: () => Promise<void>;
  flush: () => Promise<void>;
}

const state = globalThis as unknown as { factdeskTracing?: TracingState | null };

export function tracingConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts tracing once per process. `exporter` replaces the OTLP one (tests: InMemorySpanExporter, with
 * spans exported as they end).
 */
export async function startTracing(options: { exporter?: SpanExporter } = {}): Promise<void> {
  if (state.factdeskTracing) return;
  const api = await import("@opentelemetry/api");
  const { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } = await import("@opentelemetry/sdk-trace-base");
  const { resourceFromAttributes } = await import("@opentelemetry/resources");
  let processor;
  if (options.exporter) {
    processor = new SimpleSpanProcessor(options.exporter);
  } else {
    const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
    processor = new BatchSpanProcessor(new OTLPTraceExporter());
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": process.env.OTEL_SERVICE_NAME?.trim() || "factdesk" }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer("factdesk");
  state.factdeskTracing = { tracer, api, shutdown: () => provider.shutdown(), flush: () => provider.forceFlush() };
  setTransactionHook(startTransactionSpan);
}

/** From instrumentation.ts: starts tracing when an OTLP endpoint is configured, else loads nothing. */
export async function startTracingFromEnv(env: Record<string, string | undefined> = process.env): Promise<boolean> {
  if (!tracingConfigured(env)) return false;
  await startTracing();
  return true;
}

/** Stops tracing (tests): flushes and forgets the provider, and removes the transaction hook. */
export async function stopTracing(): Promise<void> {
  const tracing = state.factdeskTracing;
  state.factdeskTracing = null;
  setTransactionHook(null);
  await tracing?.shutdown();
}

export function startRequestSpan(method: string, path: string, requestId: string): Span | undefined {
  const tracing = state.factdeskTracing;
  if (!tracing) return undefined;
  return tracing.tracer.startSpan(`${method} request`, {
    kind: tracing.api.SpanKind.SERVER,
    attributes: { "http.request.method": method, "url.path": path, "factdesk.request_id": requestId },
  });
}

export function endRequestSpan(span: unknown, method: string, route: string, status: number, userId: number | null): void {
  const tracing = state.factdeskTracing;
  if (!tracing || !span) return;
  const request = span as Span;
  request.updateName(`${method} ${route}`);
  request.setAttributes({ "http.route": route, "http.response.status_code": status, ...(userId !== null ? { "enduser.id": String(userId) } : {}) });
  if (status >= 500) request.setStatus({ code: tracing.api.SpanStatusCode.ERROR });
  request.end();
}

/** A domain transaction as a span, the current request's child when there is one; answers the function that ends it. */
function startTransactionSpan(): (error?: unknown) => void {
  const tracing = state.factdeskTracing;
  if (!tracing) return () => {};
  const request = currentRequest();
  const parent = request?.span ? tracing.api.trace.setSpan(tracing.api.ROOT_CONTEXT, request.span as Span) : undefined;
  const span = tracing.tracer.startSpan("db.transaction", { attributes: request ? { "factdesk.request_id": request.requestId } : {} }, parent);
  return (error) => {
    // A refusal (forbidden, conflict...) is an answer, not a fault.
    if (error instanceof Refusal) span.setAttribute("factdesk.refused", error.error.code);
    else if (error !== undefined) {
      span.recordException(error as Error);
      span.setStatus({ code: tracing.api.SpanStatusCode.ERROR });
    }
    span.end();
  };
}

/** Sends what has been recorded (tests, shutdown). */
export async function flushTracing(): Promise<void> {
  await state.factdeskTracing?.flush();
}
