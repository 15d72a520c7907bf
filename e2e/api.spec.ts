import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { and, eq, sql } from "drizzle-orm";
import { claims, users } from "@/db/schema";
import { type Role } from "@/lib/core/vocabulary";
import { publishedSummarySchema } from "@/lib/api/schemas";
import type { Actor } from "@/lib/core/actor";
import { createArticle } from "@/lib/articles/articles";
import { createToken, revokeToken } from "@/lib/tokens/tokens";
import { submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";
import { DEMO, e2eDb, expect, test, uniqueEmail } from "./fixtures";

/*
 * The JSON API over real HTTP against the production server the Playwright config starts:
 * every endpoint's success path, who may call what, every error status, idempotent retries and
 * concurrent sign-offs. State is arranged through the same lib/ functions the API calls.
 */

type Caller = "none" | "reporter" | "editor" | "editor2" | "admin" | "disabled";

const runTag = Date.now().toString(36);
let counter = 0;
const unique = () => `${runTag}-${(counter += 1)}`;

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function demoActor(role: Exclude<Caller, "none" | "disabled">): Actor {
  const user = e2eDb().select().from(users).where(eq(users.email, DEMO[role].email)).get();
  if (!user) throw new Error(`Demo user ${role} missing`);
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** An editor whose account is disabled after their token was made. */
function disabledUser(): Actor {
  const email = uniqueEmail("disabled");
  const row = e2eDb()
    .insert(users)
    .values({ email, name: `Disabled ${unique()}`, role: "editor" as Role, passwordHash: "not-a-login", disabled: false })
    .returning()
    .get();
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

const tokens = new Map<Caller, string>();
async function tokenOf(caller: Caller): Promise<string | null> {
  if (caller === "none") return null;
  const cached = tokens.get(caller);
  if (cached) return cached;
  const user = caller === "disabled" ? disabledUser() : demoActor(caller);
  const token = must(await createToken(e2eDb(), user.id, { name: `api e2e ${caller} ${runTag}` })).token;
  if (caller === "disabled") e2eDb().update(users).set({ disabled: true }).where(eq(users.id, user.id)).run();
  tokens.set(caller, token);
  return token;
}

const auth = async (caller: Caller): Promise<Record<string, string>> => {
  const token = await tokenOf(caller);
  return token ? { Authorization: `Bearer ${token}` } : {};
};

const ARTICLE_BODY = (tag: string) =>
  `The city council approved a 40 million dollar bridge in 2019 (${tag}). The mayor said 3,000 people would use it every day. Construction took three years.`;
const QUOTE = "The city council approved a 40 million dollar bridge in 2019";

const origin = (quote = QUOTE, extra: Record<string, unknown> = {}) => ({
  kind: "origin",
  url: "https://news.example/bridge",
  title: "Bridge approved",
  publisher: "Example Gazette",
  quote,
  accessedAt: "2024-05-01",
  ...extra,
});

async function arrangeArticle() {
  const tag = unique();
  return must(await createArticle(e2eDb(), demoActor("reporter"), { title: `Bridge ${tag}`, body: ARTICLE_BODY(tag), sourceUrl: "https://news.example/bridge" }));
}

/** A fresh claim, moved as far as `state` by the demo editors (submitted by the reporter). */
async function arrangeClaim(state: "draft" | "reviewed" | "verified" = "draft", articleId?: number): Promise<ClaimDetail> {
  const db = e2eDb();
  let claim = must(await submitClaim(db, demoActor("reporter"), { text: `The council approved the bridge in 2019 (${unique()}).`, articleId, citations: [origin()] }));
  const originId = claim.citations[0].id;
  if (state === "draft") return claim;
  claim = must(await transitionClaim(db, demoActor("editor"), claim.id, { action: "review", note: "Matches the minutes", citationIds: [originId], expectedVersion: claim.version }));
  if (state === "reviewed") return claim;
  return must(
    await transitionClaim(db, demoActor("editor2"), claim.id, { action: "verify", note: "Council vote record", verdict: "true", citationIds: [originId], expectedVersion: claim.version }),
  );
}

async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(JSON.stringify(body)).not.toMatch(/\bat \S+:\d+:\d+|node_modules|Error:/);
  return body.error as { code: string; message: string; fields?: Record<string, string[]>; details?: Record<string, unknown> };
}

test.describe("API v1 success paths", () => {
  test("health and the OpenAPI document need no token", async ({ request }) => {
    const health = await request.get("/api/v1/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    const doc = await request.get("/api/v1/openapi.json");
    expect(doc.status()).toBe(200);
    const openapi = await doc.json();
    expect(openapi.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/claims", "/claims/{id}/transitions", "/audit/verify"]));
  });

  test("GET /me answers with the token's person as they are now", async ({ request }) => {
    const editor = demoActor("editor");
    const me = await request.get("/api/v1/me", { headers: await auth("editor") });
    expect(me.status()).toBe(200);
    expect(await me.json()).toEqual({ id: editor.id, name: editor.name, email: editor.email, role: "editor" });
  });

  test("a claim's whole life over the API: article, submit, search, edit, cite, assign, review, verify, publish, audit", async ({ request }) => {
    const reporter = await auth("reporter");
    const tag = unique();
    const body = ARTICLE_BODY(tag);

    const createdArticle = await request.post("/api/v1/articles", {
      headers: reporter,
      data: { title: `Bridge story ${tag}`, body, sourceUrl: "https://news.example/bridge", publisher: "Example Gazette", publishedAt: "2024-05-01" },
    });
    expect(createdArticle.status(), await createdArticle.text()).toBe(201);
    const article = await createdArticle.json();
    expect(article).toMatchObject({ id: expect.any(Number), title: `Bridge story ${tag}`, body });

    const firstPage = await (await request.get("/api/v1/articles?limit=1", { headers: reporter })).json();
    expect(firstPage.data).toHaveLength(1);
    expect(firstPage.data[0].id).toBe(article.id);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const secondPage = await (await request.get(`/api/v1/articles?limit=1&cursor=${firstPage.nextCursor}`, { headers: reporter })).json();
    expect(secondPage.data[0].id).toBeLessThan(article.id);

    const fetchedArticle = await request.get(`/api/v1/articles/${article.id}`, { headers: reporter });
    expect(fetchedArticle.status()).toBe(200);
    expect((await fetchedArticle.json()).body).toBe(body);

    const candidates = await request.get(`/api/v1/articles/${article.id}/candidates`, { headers: reporter });
    expect(candidates.status()).toBe(200);
    const sentences = (await candidates.json()).data as Array<{ text: string; start: number; end: number; score: number }>;
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    const sentence = sentences.find((candidate) => candidate.text.includes("40 million"))!;
    expect(body.slice(sentence.start, sentence.end)).toBe(sentence.text);

    const submitted = await request.post("/api/v1/claims", {
      headers: reporter,
      data: {
        text: `The council approved a 40 million dollar bridge in 2019 (${tag}).`,
        articleId: article.id,
        note: "From the lede",
        citations: [origin(sentence.text, { articleId: article.id, quoteStart: sentence.start, quoteEnd: sentence.end })],
      },
    });
    expect(submitted.status(), await submitted.text()).toBe(201);
    let claim = await submitted.json();
    expect(claim).toMatchObject({ id: expect.any(Number), state: "draft", verdict: null, version: 1, articleId: article.id, assigneeId: null });
    expect(claim.citations).toHaveLength(1);
    expect(claim.signoffs).toMatchObject([{ action: "submit", toState: "draft", note: "From the lede" }]);
    const originId = claim.citations[0].id;

    const second = must(await submitClaim(e2eDb(), demoActor("reporter"), { text: `A second claim about the bridge (${tag}).`, articleId: article.id, citations: [origin()] }));
    const byArticle = await (await request.get(`/api/v1/claims?articleId=${article.id}&state=draft&limit=1`, { headers: reporter })).json();
    expect(byArticle.data.map((c: { id: number }) => c.id)).toEqual([claim.id]);
    expect(byArticle.nextCursor).toEqual(expect.any(String));
    const next = await (await request.get(`/api/v1/claims?articleId=${article.id}&state=draft&limit=1&cursor=${encodeURIComponent(byArticle.nextCursor)}`, { headers: reporter })).json();
    expect(next.data.map((c: { id: number }) => c.id)).toEqual([second.id]);
    expect(next.nextCursor).toBeNull();
    expect(byArticle.prevCursor).toBeNull();
    const back = await (await request.get(`/api/v1/claims?articleId=${article.id}&state=draft&limit=1&cursor=${encodeURIComponent(next.prevCursor)}`, { headers: reporter })).json();
    expect(back.data.map((c: { id: number }) => c.id)).toEqual([claim.id]);
    expect(back.prevCursor).toBeNull();
    const searched = await (await request.get(`/api/v1/claims?q=${encodeURIComponent("million dollar bridge")}&submitterId=${demoActor("reporter").id}&limit=100`, { headers: reporter })).json();
    expect(searched.data.map((c: { id: number }) => c.id)).toContain(claim.id);
    expect(searched.data.map((c: { id: number }) => c.id)).not.toContain(second.id);

    const edited = await request.patch(`/api/v1/claims/${claim.id}`, {
      headers: reporter,
      data: { text: `The city council approved a 40 million dollar bridge in 2019 (${tag}).`, expectedVersion: 1, note: "Named the council" },
    });
    expect(edited.status(), await edited.text()).toBe(200);
    claim = await edited.json();
    expect(claim).toMatchObject({ version: 2, text: expect.stringContaining("city council") });
    expect(claim.revisions.map((r: { version: number; note: string | null }) => [r.version, r.note])).toEqual([
      [1, null],
      [2, "Named the council"],
    ]);

    const cited = await request.post(`/api/v1/claims/${claim.id}/citations`, {
      headers: reporter,
      data: { expectedVersion: 2, citations: [{ kind: "supports", url: "https://council.example/minutes", title: "Council minutes", quote: "Motion carried 7-2" }] },
    });
    expect(cited.status(), await cited.text()).toBe(201);
    claim = await cited.json();
    expect(claim.version).toBe(3);
    const minutesId = claim.citations.find((c: { title: string }) => c.title === "Council minutes").id;

    const editor2Id = demoActor("editor2").id;
    const assigned = await request.post(`/api/v1/claims/${claim.id}/assign`, { headers: await auth("editor"), data: { assigneeId: editor2Id, expectedVersion: 3 } });
    expect(assigned.status(), await assigned.text()).toBe(200);
    claim = await assigned.json();
    expect(claim).toMatchObject({ assigneeId: editor2Id, version: 4 });
    const ids = async (query: string, who: "reporter" | "editor" | "editor2") =>
      ((await (await request.get(`/api/v1/claims?articleId=${article.id}&${query}&limit=100`, { headers: await auth(who) })).json()).data as Array<{ id: number }>).map((c) => c.id);
    // The queue's personal filters, for the token's user: assigned to them, and what the rules let them do now.
    expect(await ids("assigned=me", "editor2")).toEqual([claim.id]);
    expect(await ids("assigned=me", "editor")).toEqual([]);
    expect(await ids("actionable=1", "editor")).toContain(claim.id);
    expect(await ids("actionable=1", "reporter")).toEqual([]);

    const reviewed = await request.post(`/api/v1/claims/${claim.id}/transitions`, {
      headers: await auth("editor"),
      data: { action: "review", note: "Quote matches the article", citationIds: [originId, minutesId], expectedVersion: 4 },
    });
    expect(reviewed.status(), await reviewed.text()).toBe(200);
    claim = await reviewed.json();
    expect(claim).toMatchObject({ state: "reviewed", version: 5, currentReviewerId: demoActor("editor").id });
    // Two-person rule: the reviewer may not verify it, the other editor may.
    expect(await ids("actionable=1", "editor")).not.toContain(claim.id);
    expect(await ids("actionable=1", "editor2")).toContain(claim.id);

    const verified = await request.post(`/api/v1/claims/${claim.id}/transitions`, {
      headers: await auth("editor2"),
      data: {
        action: "verify",
        note: "The vote record confirms it",
        verdict: "mostly-true",
        citations: [{ kind: "supports", url: "https://council.example/vote", title: "Vote record", quote: "Approved: bridge, 40 million" }],
        expectedVersion: 5,
      },
    });
    expect(verified.status(), await verified.text()).toBe(200);
    claim = await verified.json();
    expect(claim).toMatchObject({ state: "verified", verdict: "mostly-true", version: 6 });

    const fetched = await request.get(`/api/v1/claims/${claim.id}`, { headers: reporter });
    expect(fetched.status()).toBe(200);
    const detail = await fetched.json();
    expect(detail.signoffs.map((s: { action: string }) => s.action)).toEqual(["submit", "review", "verify"]);
    expect(detail.signoffs[1].citationIds).toEqual(expect.arrayContaining([originId, minutesId]));
    expect(detail.citations).toHaveLength(3);

    const filtered = await (await request.get(`/api/v1/claims?verdict=mostly-true&assigneeId=${editor2Id}&state=verified&limit=100`, { headers: reporter })).json();
    expect(filtered.data.map((c: { id: number }) => c.id)).toContain(claim.id);

    const published = await request.post(`/api/v1/articles/${article.id}/publish`, {
      headers: await auth("editor"),
      data: { title: `Fact check: the bridge ${tag}`, introduction: "We checked what the council approved and when.", claimIds: [claim.id], slug: `bridge-${tag}` },
    });
    expect(published.status(), await published.text()).toBe(201);
    const publication = await published.json();
    expect(publication).toMatchObject({ id: expect.any(Number), version: 1, slug: `bridge-${tag}` });
    // The answer is exactly what the OpenAPI document promises: every field, nothing more.
    expect(publishedSummarySchema.strict().safeParse(publication).error?.issues ?? []).toEqual([]);

    const audit = await request.get("/api/v1/audit/verify", { headers: await auth("admin") });
    expect(audit.status()).toBe(200);
    expect(await audit.json()).toMatchObject({ ok: true, count: expect.any(Number) });
  });

  test("GET answers are never cached: a change shows on the next read, and responses say no-store", async ({ request }) => {
    const claim = await arrangeClaim();
    const before = await request.get(`/api/v1/claims/${claim.id}`, { headers: await auth("reporter") });
    expect(before.headers()["cache-control"]).toContain("no-store");
    expect((await before.json()).version).toBe(1);
    await request.patch(`/api/v1/claims/${claim.id}`, { headers: await auth("editor"), data: { text: `${claim.text} Edited.`, expectedVersion: 1 } });
    expect((await (await request.get(`/api/v1/claims/${claim.id}`, { headers: await auth("reporter") })).json()).version).toBe(2);
  });
});

test.describe("API v1 authorization matrix", () => {
  const CALLERS = ["none", "reporter", "editor", "admin", "disabled"] as const;
  type Expected = Record<(typeof CALLERS)[number], number>;
  const read: Expected = { none: 401, reporter: 200, editor: 200, admin: 200, disabled: 401 };
  const create: Expected = { none: 401, reporter: 201, editor: 201, admin: 201, disabled: 401 };
  const editorOnly: Expected = { none: 401, reporter: 403, editor: 200, admin: 200, disabled: 401 };

  interface Cell {
    name: string;
    expected: Expected;
    /** Fresh state per call, so each caller meets the same situation. */
    send: (request: APIRequestContext, headers: Record<string, string>) => Promise<APIResponse>;
  }

  const cells: Cell[] = [
    { name: "GET /health", expected: { none: 200, reporter: 200, editor: 200, admin: 200, disabled: 200 }, send: (r, h) => r.get("/api/v1/health", { headers: h }) },
    {
      name: "POST /articles",
      expected: create,
      send: (r, h) => {
        const tag = unique();
        return r.post("/api/v1/articles", { headers: h, data: { title: `Matrix ${tag}`, body: ARTICLE_BODY(tag) } });
      },
    },
    { name: "GET /me", expected: read, send: (r, h) => r.get("/api/v1/me", { headers: h }) },
    { name: "GET /articles", expected: read, send: (r, h) => r.get("/api/v1/articles", { headers: h }) },
    { name: "GET /articles/{id}", expected: read, send: async (r, h) => r.get(`/api/v1/articles/${(await arrangeArticle()).id}`, { headers: h }) },
    { name: "GET /articles/{id}/candidates", expected: read, send: async (r, h) => r.get(`/api/v1/articles/${(await arrangeArticle()).id}/candidates`, { headers: h }) },
    {
      name: "POST /articles/{id}/publish",
      expected: { none: 401, reporter: 403, editor: 201, admin: 201, disabled: 401 },
      send: async (r, h) => {
        const article = await arrangeArticle();
        await arrangeClaim("verified", article.id);
        return r.post(`/api/v1/articles/${article.id}/publish`, { headers: h, data: { title: "Fact check: the bridge", introduction: "What the council approved, checked." } });
      },
    },
    {
      name: "POST /claims",
      expected: create,
      send: (r, h) => r.post("/api/v1/claims", { headers: h, data: { text: `Matrix claim about the bridge ${unique()}.`, citations: [origin()] } }),
    },
    { name: "GET /claims", expected: read, send: (r, h) => r.get("/api/v1/claims?state=draft&limit=5", { headers: h }) },
    { name: "GET /claims/{id}", expected: read, send: async (r, h) => r.get(`/api/v1/claims/${(await arrangeClaim()).id}`, { headers: h }) },
    {
      name: "PATCH /claims/{id} (the reporter's own draft)",
      expected: { none: 401, reporter: 200, editor: 200, admin: 200, disabled: 401 },
      send: async (r, h) => {
        const claim = await arrangeClaim();
        return r.patch(`/api/v1/claims/${claim.id}`, { headers: h, data: { text: `${claim.text} Edited.`, expectedVersion: claim.version } });
      },
    },
    {
      name: "POST /claims/{id}/citations (the reporter's own claim)",
      expected: create,
      send: async (r, h) => {
        const claim = await arrangeClaim();
        return r.post(`/api/v1/claims/${claim.id}/citations`, {
          headers: h,
          data: { expectedVersion: claim.version, citations: [{ kind: "context", documentRef: "Council archive, box 4", title: "Archive", quote: "Bridge file" }] },
        });
      },
    },
    {
      name: "POST /claims/{id}/transitions (review)",
      expected: editorOnly,
      send: async (r, h) => {
        const claim = await arrangeClaim();
        return r.post(`/api/v1/claims/${claim.id}/transitions`, {
          headers: h,
          data: { action: "review", note: "Checked", citationIds: [claim.citations[0].id], expectedVersion: claim.version },
        });
      },
    },
    {
      name: "POST /claims/{id}/assign",
      expected: editorOnly,
      send: async (r, h) => {
        const claim = await arrangeClaim();
        return r.post(`/api/v1/claims/${claim.id}/assign`, { headers: h, data: { assigneeId: demoActor("editor2").id, expectedVersion: claim.version } });
      },
    },
    {
      name: "GET /audit/verify",
      expected: { none: 401, reporter: 403, editor: 403, admin: 200, disabled: 401 },
      send: (r, h) => r.get("/api/v1/audit/verify", { headers: h }),
    },
  ];

  for (const cell of cells) {
    test(cell.name, async ({ request }) => {
      const actual: Partial<Expected> = {};
      for (const caller of CALLERS) {
        const response = await cell.send(request, await auth(caller));
        actual[caller] = response.status();
        if (response.status() >= 400) await expectError(response, response.status(), response.status() === 401 ? "unauthorized" : "forbidden");
      }
      expect(actual).toEqual(cell.expected);
    });
  }
});

test.describe("API v1 errors", () => {
  test("400: malformed JSON, wrong content type, empty body", async ({ request }) => {
    const headers = await auth("reporter");
    await expectError(await request.post("/api/v1/claims", { headers: { ...headers, "Content-Type": "application/json" }, data: Buffer.from('{"text": "unfinished') }), 400, "bad_request");
    await expectError(await request.post("/api/v1/claims", { headers: { ...headers, "Content-Type": "text/plain" }, data: Buffer.from('{"text":"x"}') }), 400, "bad_request");
    await expectError(await request.post("/api/v1/claims", { headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, form: { text: "x" } }), 400, "bad_request");
    await expectError(await request.post("/api/v1/claims", { headers: { ...headers, "Content-Type": "application/json" } }), 400, "bad_request");
  });

  test("401: no token, an unknown token, a revoked token, a disabled user's token", async ({ request }) => {
    await expectError(await request.get("/api/v1/claims"), 401, "unauthorized");
    await expectError(await request.get("/api/v1/claims", { headers: { Authorization: "Bearer fd_not-a-real-token" } }), 401, "unauthorized");
    await expectError(await request.get("/api/v1/claims", { headers: { Authorization: "Token abc" } }), 401, "unauthorized");
    const reporter = demoActor("reporter");
    const created = must(await createToken(e2eDb(), reporter.id, { name: `revoked ${unique()}` }));
    const headers = { Authorization: `Bearer ${created.token}` };
    expect((await request.get("/api/v1/claims?limit=1", { headers })).status()).toBe(200);
    must(await revokeToken(e2eDb(), reporter, created.summary.id));
    await expectError(await request.get("/api/v1/claims?limit=1", { headers }), 401, "unauthorized");
    await expectError(await request.get("/api/v1/claims", { headers: await auth("disabled") }), 401, "unauthorized");
  });

  test("403 names the rule that refused: four eyes, two persons, role", async ({ request }) => {
    const ownClaim = must(await submitClaim(e2eDb(), demoActor("editor"), { text: `An editor's own claim ${unique()}.`, citations: [origin()] }));
    const fourEyes = await expectError(
      await request.post(`/api/v1/claims/${ownClaim.id}/transitions`, {
        headers: await auth("editor"),
        data: { action: "review", note: "Self review", citationIds: [ownClaim.citations[0].id], expectedVersion: 1 },
      }),
      403,
      "forbidden",
    );
    expect(fourEyes.message).toMatch(/another editor must review it/);

    const reviewed = await arrangeClaim("reviewed");
    const twoPerson = await expectError(
      await request.post(`/api/v1/claims/${reviewed.id}/transitions`, {
        headers: await auth("editor"),
        data: { action: "verify", verdict: "true", note: "Self verify", citationIds: [reviewed.citations[0].id], expectedVersion: reviewed.version },
      }),
      403,
      "forbidden",
    );
    expect(twoPerson.message).toMatch(/reviewed this claim in this round/);

    const claim = await arrangeClaim();
    const role = await expectError(
      await request.post(`/api/v1/claims/${claim.id}/transitions`, {
        headers: await auth("reporter"),
        data: { action: "review", note: "Me", citationIds: [claim.citations[0].id], expectedVersion: 1 },
      }),
      403,
      "forbidden",
    );
    expect(role.message).toMatch(/Only editors can review claims/);
    expect((await expectError(await request.get("/api/v1/audit/verify", { headers: await auth("editor") }), 403, "forbidden")).message).toMatch(/Only admins/);
    expect(e2eDb().select().from(claims).where(eq(claims.id, claim.id)).get()?.state).toBe("draft");
  });

  test("404: unknown ids, ids that are not numbers, unknown endpoints", async ({ request }) => {
    const headers = await auth("editor");
    await expectError(await request.get("/api/v1/claims/99999999", { headers }), 404, "not_found");
    await expectError(await request.get("/api/v1/claims/abc", { headers }), 404, "not_found");
    await expectError(await request.get("/api/v1/claims/1e3", { headers }), 404, "not_found");
    await expectError(await request.get("/api/v1/articles/99999999", { headers }), 404, "not_found");
    await expectError(
      await request.post("/api/v1/claims/99999999/transitions", { headers, data: { action: "review", note: "x", citationIds: [1], expectedVersion: 1 } }),
      404,
      "not_found",
    );
    await expectError(await request.get("/api/v1/no-such-thing", { headers }), 404, "not_found");
    await expectError(await request.get("/api/v1", { headers }), 404, "not_found");
  });

  test("405: a method the endpoint does not serve still answers in JSON", async ({ request }) => {
    const claim = await arrangeClaim();
    const response = await request.delete(`/api/v1/claims/${claim.id}`, { headers: await auth("admin") });
    await expectError(response, 405, "method_not_allowed");
    expect(response.headers()["allow"]).toBe("GET, PATCH");
    expect(e2eDb().select().from(claims).where(eq(claims.id, claim.id)).get()).toBeTruthy();
  });

  test("409: a stale expectedVersion is refused and nothing changes", async ({ request }) => {
    const claim = await arrangeClaim();
    const headers = await auth("reporter");
    expect((await request.patch(`/api/v1/claims/${claim.id}`, { headers, data: { text: `${claim.text} First.`, expectedVersion: 1 } })).status()).toBe(200);
    const stale = await expectError(
      await request.patch(`/api/v1/claims/${claim.id}`, { headers, data: { text: `${claim.text} Second.`, expectedVersion: 1 } }),
      409,
      "conflict",
    );
    expect(stale.message).toMatch(/version 1.*version 2/);
    const current = e2eDb().select().from(claims).where(eq(claims.id, claim.id)).get();
    expect(current).toMatchObject({ version: 2, text: `${claim.text} First.` });
  });

  test("413: a body over 1 MiB", async ({ request }) => {
    const before = e2eDb().select({ n: sql<number>`count(*)` }).from(claims).get()!.n;
    const big = JSON.stringify({ text: "x".repeat(1024 * 1024), citations: [origin()] });
    await expectError(await request.post("/api/v1/claims", { headers: { ...(await auth("reporter")), "Content-Type": "application/json" }, data: Buffer.from(big) }), 413, "payload_too_large");
    expect(e2eDb().select({ n: sql<number>`count(*)` }).from(claims).get()!.n).toBe(before);
  });

  test("422: validation errors name the fields", async ({ request }) => {
    const headers = await auth("reporter");
    const missing = await expectError(await request.post("/api/v1/claims", { headers, data: {} }), 422, "invalid");
    expect(Object.keys(missing.fields ?? {})).toEqual(expect.arrayContaining(["text", "citations"]));
    const badCitation = await expectError(
      await request.post("/api/v1/claims", { headers, data: { text: "A long enough claim text.", citations: [{ kind: "origin", url: "javascript:alert(1)", title: "", quote: "q" }] } }),
      422,
      "invalid",
    );
    expect(Object.keys(badCitation.fields ?? {})).toEqual(expect.arrayContaining(["citations.0.url", "citations.0.title"]));
    const claim = await arrangeClaim("reviewed");
    const noVerdict = await expectError(
      await request.post(`/api/v1/claims/${claim.id}/transitions`, {
        headers: await auth("editor2"),
        data: { action: "verify", note: "ok", citationIds: [claim.citations[0].id], expectedVersion: claim.version },
      }),
      422,
      "invalid",
    );
    expect(noVerdict.fields?.verdict).toBeDefined();
    for (const raw of ['{"text": 1e999, "citations": []}', "[".repeat(100_000) + "]".repeat(100_000)]) {
      const response = await request.post("/api/v1/claims", {
        headers: { ...headers, "Content-Type": "application/json", "Idempotency-Key": `odd-${unique()}` },
        data: Buffer.from(raw),
      });
      await expectError(response, 422, "invalid");
    }
    const badQuery = await expectError(await request.get("/api/v1/claims?state=lost&limit=500", { headers }), 422, "invalid");
    expect(Object.keys(badQuery.fields ?? {})).toEqual(expect.arrayContaining(["state", "limit"]));
  });

  test("429: over the per-token rate limit, with Retry-After (a second server with a limit of 3 a minute)", async ({ request }) => {
    void request;
    const port = await freePort();
    const server = startServer(port, { FACTDESK_API_RATE_LIMIT: "3" });
    try {
      await waitForHealth(port);
      const headers = await auth("reporter");
      const url = `http://127.0.0.1:${port}/api/v1/claims?limit=1`;
      for (let i = 0; i < 3; i++) expect((await fetch(url, { headers })).status).toBe(200);
      const limited = await fetch(url, { headers });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await limited.json()).error.code).toBe("rate_limited");
      const other = must(await createToken(e2eDb(), demoActor("editor").id, { name: `rate ${unique()}` })).token;
      expect((await fetch(url, { headers: { Authorization: `Bearer ${other}` } })).status).toBe(200);
    } finally {
      server.kill("SIGTERM");
    }
  });
});

test.describe("API v1 idempotency and concurrency", () => {
  test("a retried POST with the same Idempotency-Key returns the first answer and writes one claim", async ({ request }) => {
    const text = `Idempotent claim about the bridge ${unique()}.`;
    const headers = { ...(await auth("reporter")), "Idempotency-Key": `retry-${unique()}` };
    const data = { text, citations: [origin()] };
    const first = await request.post("/api/v1/claims", { headers, data });
    expect(first.status()).toBe(201);
    const firstBody = await first.json();
    const [retry, concurrent] = await Promise.all([request.post("/api/v1/claims", { headers, data }), request.post("/api/v1/claims", { headers, data })]);
    for (const response of [retry, concurrent]) {
      expect(response.status()).toBe(201);
      expect(response.headers()["idempotent-replayed"]).toBe("true");
      expect(await response.json()).toEqual(firstBody);
    }
    expect(e2eDb().select().from(claims).where(eq(claims.text, text)).all()).toHaveLength(1);

    const mismatch = await expectError(await request.post("/api/v1/claims", { headers, data: { ...data, note: "changed" } }), 422, "invalid");
    expect(mismatch.message).toMatch(/Idempotency-Key/);
    expect(e2eDb().select().from(claims).where(and(eq(claims.text, text))).all()).toHaveLength(1);
  });

  test("two concurrent transitions with the same expectedVersion: exactly one succeeds, the other is a 409", async ({ request }) => {
    const claim = await arrangeClaim();
    const send = async (caller: Caller) =>
      request.post(`/api/v1/claims/${claim.id}/transitions`, {
        headers: await auth(caller),
        data: { action: "review", note: `Review by ${caller}`, citationIds: [claim.citations[0].id], expectedVersion: claim.version },
      });
    const responses = await Promise.all([send("editor"), send("editor2")]);
    expect(responses.map((r) => r.status()).sort()).toEqual([200, 409]);
    const loser = responses.find((r) => r.status() === 409)!;
    await expectError(loser, 409, "conflict");
    const after = await (await request.get(`/api/v1/claims/${claim.id}`, { headers: await auth("reporter") })).json();
    expect(after).toMatchObject({ state: "reviewed", version: claim.version + 1 });
    expect(after.signoffs.filter((s: { action: string }) => s.action === "review")).toHaveLength(1);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Another `next start` on the same build and database, with its own environment. */
function startServer(port: number, env: Record<string, string>): ChildProcess {
  const root = path.resolve(__dirname, "..");
  return spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    stdio: "ignore",
    env: {
      ...process.env,
      DATABASE_URL: process.env.FACTDESK_E2E_DATABASE,
      AUTH_SECRET: "factdesk-e2e-secret-not-for-production-use-0123456789",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  });
}

async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The second server on port ${port} did not start`);
}
