import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { claims, idempotencyKeys, users } from "@/db/schema";
import { ok } from "@/lib/core/result";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { createToken } from "@/lib/tokens/tokens";
import { submitClaim } from "@/lib/workflow";

let db: Db;
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: () => db,
}));

const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (page: string) => void revalidated.push(page) }));

const { apiRoute, methodNotAllowed } = await import("./route");
const { IDEMPOTENCY_ABANDONED_MS, IDEMPOTENCY_TTL_MS, claimIdempotencyKey, idempotencyRequestHash } = await import("./idempotency");

const noParams = { params: Promise.resolve({}) };

async function tokenFor(role: "reporter" | "editor" | "admin") {
  const user = createTestUser(db, role);
  const created = await createToken(db, user.id, { name: "test" });
  if (!created.ok) throw new Error("token");
  return { user, token: created.value.token };
}

function request(token: string | null, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Request("http://test/api/v1/claims", { method: init.method ?? "GET", body: init.body, headers });
}

const claimBody = (text = "The governor commuted 62 sentences in 2018.") =>
  JSON.stringify({ text, citations: [{ kind: "origin", url: "https://example.com/a", title: "A", quote: "commuted" }] });

beforeEach(() => {
  db = createTestDb();
});
afterEach(() => {
  vi.unstubAllEnvs();
  db.$client.close();
});

describe("apiRoute", () => {
  const echo = apiRoute({ role: "reporter" }, ({ actor }) => ok({ id: actor.id }));

  it("applies the effects of a write after the handler (the pages it changed are revalidated), not of a read", async () => {
    const { token } = await tokenFor("reporter");
    revalidated.length = 0;
    const create = apiRoute({ role: "reporter", status: 201 }, ({ db, actor, body }) => submitClaim(db, actor, body));
    const created = await create(request(token, { method: "POST", body: claimBody() }), noParams);
    const { id } = (await created.json()) as { id: number };
    expect(revalidated.sort()).toEqual(["/", `/claims/${id}`, "/queue"]);

    revalidated.length = 0;
    // A read dispatches nothing, even with events pending.
    await submitClaim(db, (await tokenFor("reporter")).user, JSON.parse(claimBody("A second claim, left for the next write.")));
    expect((await echo(request(token), noParams)).status).toBe(200);
    expect(revalidated).toEqual([]);
  });

  it("answers 401 with the error shape for a missing, malformed or unknown token", async () => {
    for (const auth of [null, "fd_nope"]) {
      const response = await echo(request(auth), noParams);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect((await response.json()).error.code).toBe("unauthorized");
    }
    const basic = await echo(new Request("http://test/x", { headers: { authorization: "Basic abc" } }), noParams);
    expect(basic.status).toBe(401);
  });

  it("refuses a disabled user's token on the next request", async () => {
    const { user, token } = await tokenFor("editor");
    expect((await echo(request(token), noParams)).status).toBe(200);
    db.update(users).set({ disabled: true }).where(eq(users.id, user.id)).run();
    expect((await echo(request(token), noParams)).status).toBe(401);
  });

  it("answers 403 naming the rule when the role is too low, and uses the user's current role", async () => {
    const adminOnly = apiRoute({ role: "admin", rule: "Only admins can verify the audit chain" }, () => ok({}));
    const { user, token } = await tokenFor("editor");
    const response = await adminOnly(request(token), noParams);
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toMatch(/^Only admins can verify the audit chain; this token acts as .+, who is an editor\.$/);
    db.update(users).set({ role: "admin" }).where(eq(users.id, user.id)).run();
    expect((await adminOnly(request(token), noParams)).status).toBe(200);
  });

  it("maps domain errors through lib/result and sets the success status", async () => {
    const { token } = await tokenFor("reporter");
    const create = apiRoute({ role: "reporter", status: 201 }, ({ db, actor, body }) => submitClaim(db, actor, body));
    const created = await create(request(token, { method: "POST", body: claimBody() }), noParams);
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect((await created.json()).state).toBe("draft");
    const invalid = await create(request(token, { method: "POST", body: "{}" }), noParams);
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.fields.text).toBeDefined();
    const malformed = await create(request(token, { method: "POST", body: "{" }), noParams);
    expect(malformed.status).toBe(400);
  });

  it("answers a bare 500 without a stack when the handler throws", async () => {
    const { token } = await tokenFor("reporter");
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const broken = apiRoute({ role: "reporter" }, () => {
      throw new Error("SQLITE_SECRET at /srv/db.ts:12");
    });
    const response = await broken(request(token), noParams);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("SQLITE_SECRET");
    expect(JSON.parse(text).error.code).toBe("internal");
    spy.mockRestore();
  });

  it("rate-limits per token with Retry-After", async () => {
    vi.stubEnv("FACTDESK_API_RATE_LIMIT", "2");
    const a = (await tokenFor("reporter")).token;
    const b = (await tokenFor("reporter")).token;
    expect((await echo(request(a), noParams)).status).toBe(200);
    expect((await echo(request(a), noParams)).status).toBe(200);
    const limited = await echo(request(a), noParams);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate_limited");
    expect((await echo(request(b), noParams)).status).toBe(200);
  });

  it("lets a PUT whose spec names no body come without one, and still wants JSON from one that names a body", async () => {
    const { token } = await tokenFor("reporter");
    const bodiless = apiRoute({ role: "reporter" }, ({ body }) => ok({ body: body ?? null }));
    const empty = await bodiless(request(token, { method: "PUT" }), noParams);
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({ body: null });
    const declaredEmpty = await bodiless(request(token, { method: "PUT", headers: { "content-length": "0" } }), noParams);
    expect(declaredEmpty.status).toBe(200);
    // A body that is sent is still read as JSON.
    expect((await bodiless(request(token, { method: "PUT", body: "not json" }), noParams)).status).toBe(400);

    const withBody = apiRoute({ role: "reporter", body: {} }, () => ok(null));
    expect((await withBody(request(token, { method: "PUT" }), noParams)).status).toBe(400);
  });

  it("passes a streaming answer through untouched: its first chunk arrives while the stream is still open", async () => {
    const { token } = await tokenFor("reporter");
    let push!: (text: string) => void;
    const stream = apiRoute({ role: "reporter" }, () => {
      const body = new ReadableStream<Uint8Array>({ start: (controller) => void (push = (text) => controller.enqueue(new TextEncoder().encode(text))) });
      return new Response(body, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform" } });
    });
    const response = await stream(request(token), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    const reader = response.body!.getReader();
    push("data: first\n\n");
    const chunk = await reader.read();
    expect(new TextDecoder().decode(chunk.value)).toBe("data: first\n\n");
    await reader.cancel();
  });
});

describe("Idempotency-Key", () => {
  const create = apiRoute({ role: "reporter", idempotent: true, status: 201 }, ({ db, actor, body }) => submitClaim(db, actor, body));
  const countClaims = () => db.select().from(claims).all().length;

  it("replays the first answer for the same key and body and writes once", async () => {
    const { token } = await tokenFor("reporter");
    const send = (body: string) => create(request(token, { method: "POST", body, headers: { "idempotency-key": "k-1" } }), noParams);
    const first = await send(claimBody());
    const firstBody = await first.json();
    // Same JSON, different whitespace and key order: still the same request.
    const reordered = JSON.stringify({ citations: JSON.parse(claimBody()).citations, text: JSON.parse(claimBody()).text }, null, 2);
    const retry = await send(reordered);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(firstBody);
    expect(countClaims()).toBe(1);
  });

  it("refuses the same key with a different body as 422, and scopes keys per user", async () => {
    const { token } = await tokenFor("reporter");
    const other = (await tokenFor("reporter")).token;
    const send = (auth: string, body: string) =>
      create(request(auth, { method: "POST", body, headers: { "idempotency-key": "shared" } }), noParams);
    expect((await send(token, claimBody())).status).toBe(201);
    const mismatch = await send(token, claimBody("A different claim text entirely."));
    expect(mismatch.status).toBe(422);
    expect((await send(other, claimBody("A different claim text entirely."))).status).toBe(201);
    expect(countClaims()).toBe(2);
  });

  it("stores refusals too, and forgets keys after 24 hours", async () => {
    const { token } = await tokenFor("reporter");
    const send = () => create(request(token, { method: "POST", body: "{}", headers: { "idempotency-key": "old" } }), noParams);
    expect((await send()).status).toBe(422);
    expect((await send()).headers.get("idempotent-replayed")).toBe("true");
    const dayAgo = new Date(Date.now() - IDEMPOTENCY_TTL_MS - 1000).toISOString();
    db.update(idempotencyKeys).set({ createdAt: dayAgo }).run();
    expect((await send()).headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers 409 while the first request runs, and lets a retry take over a reservation its server abandoned", async () => {
    const { token, user } = await tokenFor("reporter");
    const body = claimBody();
    const send = () => create(request(token, { method: "POST", body, headers: { "idempotency-key": "crashed" } }), noParams);
    // The first request's server died after reserving the key: only the reservation is left.
    const hash = idempotencyRequestHash("POST", "/api/v1/claims", JSON.parse(body), body);
    expect((await claimIdempotencyKey(db, user.id, "crashed", hash)).kind).toBe("new");
    const busy = await send();
    expect(busy.status).toBe(409);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(countClaims()).toBe(0);

    const longAgo = new Date(Date.now() - IDEMPOTENCY_ABANDONED_MS - 1000).toISOString();
    db.update(idempotencyKeys).set({ createdAt: longAgo }).run();
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(countClaims()).toBe(1);
    expect((await send()).headers.get("idempotent-replayed")).toBe("true");
    expect(countClaims()).toBe(1);
  });

  it("handles JSON without a canonical form (1e999, deep nesting) without a 500", async () => {
    const { token } = await tokenFor("reporter");
    const send = (body: string, key: string) =>
      create(request(token, { method: "POST", body, headers: { "idempotency-key": key } }), noParams);
    const infinite = await send('{"text": 1e999}', "inf");
    expect(infinite.status).toBe(422);
    expect((await send('{"text": 1e999}', "inf")).headers.get("idempotent-replayed")).toBe("true");
    const deep = await send("[".repeat(100_000) + "]".repeat(100_000), "deep");
    expect(deep.status).toBe(422);
  });

  it("refuses a malformed key as 400 and does not keep keys on routes that are not idempotent", async () => {
    const { token } = await tokenFor("reporter");
    const bad = await create(request(token, { method: "POST", body: claimBody(), headers: { "idempotency-key": "é" } }), noParams);
    expect(bad.status).toBe(400);
    const plain = apiRoute({ role: "reporter" }, ({ db, actor, body }) => submitClaim(db, actor, body));
    await plain(request(token, { method: "POST", body: claimBody(), headers: { "idempotency-key": "x" } }), noParams);
    expect(db.select().from(idempotencyKeys).all()).toHaveLength(0);
  });

  it("releases the key when the handler fails on our side, so a retry runs again", async () => {
    const { token } = await tokenFor("reporter");
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let calls = 0;
    const flaky = apiRoute({ role: "reporter", idempotent: true }, () => {
      calls += 1;
      if (calls === 1) throw new Error("boom");
      return ok({ calls });
    });
    const send = () => flaky(request(token, { method: "POST", body: "{}", headers: { "idempotency-key": "f" } }), noParams);
    expect((await send()).status).toBe(500);
    expect(await (await send()).json()).toEqual({ calls: 2 });
    spy.mockRestore();
  });
});

describe("methodNotAllowed", () => {
  it("answers 405 in the API's error shape with an Allow header", async () => {
    const response = methodNotAllowed("GET", "PATCH")(new Request("http://test/api/v1/claims/1", { method: "DELETE" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, PATCH");
    expect((await response.json()).error).toMatchObject({ code: "method_not_allowed", message: expect.stringContaining("DELETE") });
  });
});
