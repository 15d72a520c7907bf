import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transact } from "@/lib/core/transaction";
import { refuse } from "@/lib/core/result";
import { createTestDb } from "@/lib/testing/db";
import { observeHttpRequests } from "./http";
import { routeMatcher, setRouteMatcher } from "./routes";
import { flushTracing, startTracing, stopTracing } from "./tracing";

const exporter = new InMemorySpanExporter();
let server: Server;
let base: string;

beforeAll(async () => {
  await startTracing({ exporter });
  setRouteMatcher(routeMatcher({ dynamicRoutes: [{ page: "/claims/[id]", regex: "^/claims/([^/]+?)(?:/)?$" }] }));
  observeHttpRequests();
  const db = createTestDb();
  server = createServer((request, response) => {
    setTimeout(async () => {
      // Two domain transactions in the request, one refused (rolled back), the second after an await.
      await transact(db, () => null);
      await transact(db, async () => refuse("conflict", "stale"));
      response.end("ok");
    }, 2);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  setRouteMatcher(undefined);
  await new Promise((resolve) => server.close(resolve));
  await stopTracing();
});

describe("tracing (OpenTelemetry, in-memory exporter)", () => {
  it("makes a span per request and one per domain transaction, its child, both with the request id", async () => {
    exporter.reset();
    const response = await fetch(`${base}/claims/9`);
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await flushTracing();
    const requestId = response.headers.get("x-request-id");
    const spans = exporter.getFinishedSpans();
    const request = spans.find((span) => span.name === "GET /claims/[id]");
    expect(request).toBeDefined();
    expect(request!.attributes).toMatchObject({ "http.route": "/claims/[id]", "http.response.status_code": 200, "factdesk.request_id": requestId, "http.request.method": "GET" });
    const transactions = spans.filter((span) => span.name === "db.transaction");
    expect(transactions).toHaveLength(2);
    for (const transaction of transactions) {
      expect(transaction.spanContext().traceId).toBe(request!.spanContext().traceId);
      expect(transaction.parentSpanContext?.spanId).toBe(request!.spanContext().spanId);
      expect(transaction.attributes["factdesk.request_id"]).toBe(requestId);
    }
    expect(transactions.map((span) => span.attributes["factdesk.refused"])).toEqual([undefined, "conflict"]);
  });

  // prom-client itself requires @opentelemetry/api (the no-op API, for exemplars on its CPU counter); what tracing adds is the SDK and the exporter.
  it("loads none of the OpenTelemetry SDK or exporter when OTEL_EXPORTER_OTLP_ENDPOINT is not set, and both when it is", () => {
    const root = path.resolve(__dirname, "..", "..");
    const script = `
      const { startTracingFromEnv } = require("./lib/observability/tracing.ts");
      require("./lib/observability/http.ts");
      require("./lib/core/transaction.ts");
      const loaded = () => Object.keys(require.cache).filter((file) => /@opentelemetry[\\/](sdk-trace|exporter-|otlp-|resources|core)/.test(file)).length;
      (async () => {
        const off = await startTracingFromEnv({});
        const before = loaded();
        const on = await startTracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9" });
        console.log(JSON.stringify({ off, before, on, after: loaded() }));
        process.exit(0);
      })();
    `;
    const out = execFileSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "-e", script], { cwd: root, encoding: "utf8", env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: "" } });
    const result = JSON.parse(out.trim().split("\n").at(-1)!) as { off: boolean; before: number; on: boolean; after: number };
    expect(result).toMatchObject({ off: false, before: 0, on: true });
    expect(result.after).toBeGreaterThan(0);
  });
});
