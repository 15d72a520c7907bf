import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { createArticle } from "@/lib/articles/articles";
import { createToken } from "@/lib/tokens/tokens";
import { submitClaim, transitionClaim } from "@/lib/workflow";
import { DEMO, e2eDb, expect, test } from "./fixtures";

/*
 * Random input against every POST/PATCH endpoint, over real HTTP. Properties:
 *  1. random JSON never gets a 5xx, is always refused (4xx), and never changes data;
 *  2. bodies shaped like the real ones (right keys, wild values) never get a 5xx, and whatever is
 *     refused writes nothing;
 *  3. bytes that are not JSON are a 400.
 * Bounded (about 60 requests per endpoint) so the suite stays quick; fast-check prints the seed
 * and the shrunk counterexample on failure.
 */

const RANDOM_JSON_RUNS = 25;
const SHAPED_RUNS = 25;
const NOT_JSON_RUNS = 10;

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function demoActor(role: "reporter" | "editor" | "editor2"): Actor {
  const user = e2eDb().select().from(users).where(eq(users.email, DEMO[role].email)).get();
  if (!user) throw new Error(`Demo user ${role} missing`);
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** Everything a request could change, in one row. */
function fingerprint(): unknown {
  return e2eDb().get(sql`select
    (select count(*) from articles) as articles,
    (select count(*) from claims) as claims,
    (select coalesce(sum(version), 0) from claims) as versions,
    (select count(*) from claim_revisions) as revisions,
    (select count(*) from citations) as citations,
    (select count(*) from signoffs) as signoffs,
    (select count(*) from claim_assignments) as assignments,
    (select count(*) from summaries) as summaries,
    (select count(*) from publications) as publications`);
}

const tricky = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    "review",
    "verify",
    "return",
    "origin",
    "supports",
    "true",
    "mostly-true",
    "",
    "   ",
    "\u0000",
    "\ud800",
    "javascript:alert(1)",
    "https://example.com",
    "2024-02-31",
    "<script>alert(1)</script>",
    "'; drop table claims; --",
    0,
    -1,
    1,
    2 ** 53,
    null,
    true,
    [],
    {},
  ),
);

const citationLike = fc.record(
  {
    kind: tricky,
    url: tricky,
    documentRef: tricky,
    title: tricky,
    publisher: tricky,
    quote: tricky,
    accessedAt: tricky,
    articleId: tricky,
    quoteStart: tricky,
    quoteEnd: tricky,
  },
  { requiredKeys: [] },
);

const valueFor = (key: string) => (key === "citations" ? fc.oneof(fc.array(citationLike, { maxLength: 3 }), tricky) : tricky);

/** Objects with the endpoint's own keys (any subset) and wild values. */
const shaped = (keys: string[]) =>
  fc.record(Object.fromEntries(keys.map((key) => [key, valueFor(key)])) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] });

interface Ids {
  article: number;
  draft: number;
  reviewed: number;
}

interface Target {
  name: string;
  method: "POST" | "PATCH";
  path: (ids: Ids) => string;
  keys: string[];
}

const TRANSITION_KEYS = ["action", "note", "citations", "citationIds", "verdict", "expectedVersion"];
const TARGETS: Target[] = [
  { name: "POST /articles", method: "POST", path: () => "/api/v1/articles", keys: ["title", "body", "sourceUrl", "publisher", "publishedAt"] },
  { name: "POST /claims", method: "POST", path: () => "/api/v1/claims", keys: ["text", "articleId", "note", "citations"] },
  { name: "PATCH /claims/{id}", method: "PATCH", path: (ids) => `/api/v1/claims/${ids.draft}`, keys: ["text", "expectedVersion", "note"] },
  { name: "POST /claims/{id}/citations", method: "POST", path: (ids) => `/api/v1/claims/${ids.draft}/citations`, keys: ["citations", "expectedVersion"] },
  { name: "POST /claims/{id}/transitions (draft)", method: "POST", path: (ids) => `/api/v1/claims/${ids.draft}/transitions`, keys: TRANSITION_KEYS },
  { name: "POST /claims/{id}/transitions (reviewed)", method: "POST", path: (ids) => `/api/v1/claims/${ids.reviewed}/transitions`, keys: TRANSITION_KEYS },
  { name: "POST /claims/{id}/assign", method: "POST", path: (ids) => `/api/v1/claims/${ids.draft}/assign`, keys: ["assigneeId", "expectedVersion"] },
  {
    name: "POST /articles/{id}/publish",
    method: "POST",
    path: (ids) => `/api/v1/articles/${ids.article}/publish`,
    keys: ["title", "introduction", "correctionNote", "claimIds", "expectedVersion"],
  },
];

test.describe("API v1 fuzz: random input never breaks the server or the data", () => {
  let headers: Record<string, string>;
  let ids: Ids;

  test.beforeAll(async () => {
    const db = e2eDb();
    headers = { Authorization: `Bearer ${must(await createToken(db, demoActor("editor").id, { name: `fuzz ${Date.now()}` })).token}` };
    const tag = Date.now().toString(36);
    const article = must(
      await createArticle(db, demoActor("reporter"), { title: `Fuzz target ${tag}`, body: `The fuzz article says 12 bridges were built in 2020 (${tag}).` }),
    );
    const origin = { kind: "origin", url: "https://news.example/fuzz", title: "Fuzz", quote: "12 bridges were built in 2020" };
    const draft = must(await submitClaim(db, demoActor("reporter"), { text: `Twelve bridges were built in 2020 (${tag}).`, articleId: article.id, citations: [origin] }));
    const reviewed = must(await submitClaim(db, demoActor("reporter"), { text: `A reviewed claim for publishing (${tag}).`, articleId: article.id, citations: [origin] }));
    must(await transitionClaim(db, demoActor("editor2"), reviewed.id, { action: "review", note: "ok", citationIds: [reviewed.citations[0].id], expectedVersion: 1 }));
    ids = { article: article.id, draft: draft.id, reviewed: reviewed.id };
  });

  for (const target of TARGETS) {
    test(target.name, async ({ request }) => {
      const path = target.path(ids);
      // A Buffer goes out byte for byte; Playwright would JSON-encode a string that does not parse.
      const send = (body: string) =>
        request.fetch(path, { method: target.method, headers: { ...headers, "Content-Type": "application/json" }, data: Buffer.from(body) });

      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          const before = fingerprint();
          const response = await send(JSON.stringify(value));
          expect(response.status(), `${target.method} ${path} ${JSON.stringify(value)} → ${await response.text()}`).toBeGreaterThanOrEqual(400);
          expect(response.status()).toBeLessThan(500);
          expect((await response.json()).error.code).toEqual(expect.any(String));
          expect(fingerprint()).toEqual(before);
        }),
        { numRuns: RANDOM_JSON_RUNS },
      );

      await fc.assert(
        fc.asyncProperty(shaped(target.keys), async (value) => {
          const before = fingerprint();
          const response = await send(JSON.stringify(value));
          const status = response.status();
          expect(status, `${target.method} ${path} ${JSON.stringify(value)} → ${await response.text()}`).toBeLessThan(500);
          if (status >= 400) {
            expect((await response.json()).error.code).toEqual(expect.any(String));
            expect(fingerprint()).toEqual(before);
          }
        }),
        { numRuns: SHAPED_RUNS },
      );

      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ minLength: 1, maxLength: 60 }).filter((text) => {
              try {
                JSON.parse(text);
                return false;
              } catch {
                return true;
              }
            }),
            fc.constantFrom("{", "[1,", '{"a":}', "undefined", "NaN", "{'single': 1}", '{"a":1}}'),
          ),
          async (text) => {
            const before = fingerprint();
            const response = await send(text);
            expect(response.status(), `${JSON.stringify(text)} → ${await response.text()}`).toBe(400);
            expect(fingerprint()).toEqual(before);
          },
        ),
        { numRuns: NOT_JSON_RUNS },
      );
    });
  }
});
