import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/testing/db";
import { currentRequestId, noteRequestUser } from "./context";
import { observeHttpRequests } from "./http";
import { metricsAccess } from "./metrics-access";
import { metricsText } from "./metrics";
import { routeMatcher, setRouteMatcher, UNMATCHED } from "./routes";
import { captureLogs } from "./test-capture";

/*
 * The HTTP observer over real HTTP: a node:http server (as `next start` runs one) whose handler stands
 * in for Next, reading the request id from its context as app code does.
 */

let server: Server;
let base: string;
let capture: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  setRouteMatcher(
    routeMatcher({
      staticRoutes: [{ page: "/queue" }, { page: "/api/v1/me" }],
      dynamicRoutes: [{ page: "/claims/[id]", regex: "^/claims/([^/]+?)(?:/)?$" }],
    }),
  );
  observeHttpRequests();
  server = createServer((request, response) => {
    // Asynchronous work in between, as a page render does: the context must survive it.
    setTimeout(() => {
      if (request.url?.startsWith("/claims/")) noteRequestUser(42);
      response.statusCode = request.url?.startsWith("/missing") ? 404 : 200;
      response.end(JSON.stringify({ seenId: currentRequestId(), header: request.headers["x-request-id"] }));
    }, 5);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  setRouteMatcher(undefined);
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  capture?.restore();
  delete process.env.FACTDESK_TRUSTED_PROXY;
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers });
  const body = (await response.json()) as { seenId: string; header: string };
  // The line is written when the answer has been handed over: wait for it.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { response, body };
}

describe("request log lines", () => {
  it("writes one line per request with method, the route's pattern, status, duration, user id and the request id sent back in X-Request-Id", async () => {
    capture = captureLogs();
    const { response, body } = await get("/claims/1234?tab=timeline");
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).toEqual({ seenId: id, header: id });
    const lines = capture.lines().filter((line) => line.request_id === id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", method: "GET", route: "/claims/[id]", status: 200, user_id: 42, msg: "GET /claims/[id] 200" });
    expect(lines[0].duration_ms).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(lines[0])).not.toContain("1234");
  });

  it("gives concurrent requests their own ids", async () => {
    capture = captureLogs();
    const answers = await Promise.all(Array.from({ length: 8 }, () => get("/queue")));
    const ids = answers.map(({ response }) => response.headers.get("x-request-id"));
    expect(new Set(ids).size).toBe(8);
    for (const { response, body } of answers) expect(body.seenId).toBe(response.headers.get("x-request-id"));
    expect(capture.lines().filter((line) => line.route === "/queue")).toHaveLength(8);
  });

  it("ignores a client's X-Request-Id unless a trusted proxy sends it, and then only a well-formed one", async () => {
    capture = captureLogs();
    const untrusted = await get("/queue", { "X-Request-Id": "client-chosen-id" });
    expect(untrusted.response.headers.get("x-request-id")).not.toBe("client-chosen-id");
    expect(untrusted.body.header).toBe(untrusted.response.headers.get("x-request-id"));

    process.env.FACTDESK_TRUSTED_PROXY = "loopback";
    const trusted = await get("/queue", { "X-Request-Id": "proxy-id-7f3a" });
    expect(trusted.response.headers.get("x-request-id")).toBe("proxy-id-7f3a");
    expect(trusted.body.seenId).toBe("proxy-id-7f3a");
    const malformed = await get("/queue", { "X-Request-Id": "bad id\twith spaces" });
    expect(malformed.response.headers.get("x-request-id")).not.toContain("bad");
    expect(capture.lines().map((line) => line.request_id)).toContain("proxy-id-7f3a");
  });

  it("groups paths that match no route under one label, so a scan cannot make a time series per path", async () => {
    capture = captureLogs();
    await get("/missing/x1");
    await get("/missing/x2");
    const routes = capture.lines().map((line) => line.route);
    expect(routes).toEqual([UNMATCHED, UNMATCHED]);
  });
});

describe("/metrics", () => {
  it("parses as the Prometheus text format and counts the requests this test made, by route and status", async () => {
    const db = createTestDb();
    const family = async (name: string) => parsePrometheusTextFormat(await metricsText(db, ["revalidate"])).find((f) => f.name === name);
    const count = async () =>
      Number((await family("factdesk_http_requests_total"))?.metrics.find((m) => m.labels?.route === "/claims/[id]" && m.labels.status === "200" && m.labels.method === "GET")?.value ?? 0);
    const before = await count();
    await get("/claims/77");
    await get("/claims/78");
    expect(await count()).toBe(before + 2);
    expect((await family("factdesk_http_request_duration_seconds"))?.type).toBe("HISTOGRAM");

    const parsed = parsePrometheusTextFormat(await metricsText(db, ["revalidate"]));
    const names = parsed.map((f) => f.name);
    for (const name of ["factdesk_claims", "factdesk_outbox_backlog", "factdesk_outbox_oldest_age_seconds", "factdesk_signoffs_total", "factdesk_delivery_failures_total", "factdesk_database_size_bytes", "nodejs_eventloop_lag_seconds", "nodejs_heap_size_used_bytes"]) {
      expect(names).toContain(name);
    }
    const claims = parsed.find((f) => f.name === "factdesk_claims")!;
    expect(claims.metrics.map((m) => m.labels?.state).sort()).toEqual(["draft", "reviewed", "verified"]);
    const backlog = parsed.find((f) => f.name === "factdesk_outbox_backlog")!;
    expect(backlog.metrics.map((m) => m.labels?.consumer)).toEqual(expect.arrayContaining(["events:revalidate", "deliveries:webhook", "deliveries:email"]));
  });

  it("answers only the bearer of FACTDESK_METRICS_TOKEN when it is set, else only loopback clients", () => {
    const headers = (values: Record<string, string>) => new Headers(values);
    const env = { FACTDESK_METRICS_TOKEN: "scrape-me-0123456789" };
    expect(metricsAccess(headers({ authorization: "Bearer scrape-me-0123456789" }), env)).toEqual({ ok: true });
    expect(metricsAccess(headers({ authorization: "Bearer wrong", "x-factdesk-peer-address": "127.0.0.1" }), env)).toMatchObject({ ok: false, status: 401 });
    expect(metricsAccess(headers({ "x-factdesk-peer-address": "127.0.0.1" }), env)).toMatchObject({ ok: false, status: 401 });

    expect(metricsAccess(headers({ "x-factdesk-peer-address": "127.0.0.1" }), {})).toEqual({ ok: true });
    expect(metricsAccess(headers({ "x-factdesk-peer-address": "::1" }), {})).toEqual({ ok: true });
    expect(metricsAccess(headers({ "x-factdesk-peer-address": "203.0.113.9" }), {})).toMatchObject({ ok: false, status: 403 });
    expect(metricsAccess(headers({}), {})).toMatchObject({ ok: false, status: 403 });
    // A public client relayed by a trusted proxy on loopback is not a loopback client.
    process.env.FACTDESK_TRUSTED_PROXY = "loopback";
    expect(metricsAccess(headers({ "x-factdesk-peer-address": "127.0.0.1", "x-forwarded-for": "198.51.100.4" }), {})).toMatchObject({ ok: false, status: 403 });
  });
});
