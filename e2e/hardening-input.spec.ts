import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { createToken } from "@/lib/tokens/tokens";
import { DEMO, e2eDb, expect, test, type DemoRole } from "./fixtures";

/*
 * Hostile input over real HTTP against the production build: malformed percent-encoding in a path
 * is the client's mistake (400, never 500) on the API, the desk and the public pages alike; text
 * with lone UTF-16 surrogates is stored well-formed and leaves the audit chain intact.
 */

const tokens: Partial<Record<DemoRole, string>> = {};
async function tokenOf(role: DemoRole): Promise<string> {
  if (!tokens[role]) {
    const user = e2eDb().select().from(users).where(eq(users.email, DEMO[role].email)).get();
    if (!user) throw new Error(`demo ${role} missing`);
    const created = await createToken(e2eDb(), user.id, { name: `hardening-input ${role} ${Date.now()}` });
    if (!created.ok) throw new Error(created.error.message);
    tokens[role] = created.value.token;
  }
  return tokens[role]!;
}
const auth = async (role: DemoRole) => ({ Authorization: `Bearer ${await tokenOf(role)}` });

const MALFORMED_API = ["/api/v1/claims/%ff", "/api/v1/claims/%ff/citations", "/api/v1/claims/%E0%A4%A", "/api/v1/articles/%ff", "/api/v1/articles/%ff/candidates", "/api/v1/nothing/%ff"];
const MALFORMED_PUBLIC = ["/summaries/%ff", "/summaries/%ff/summary.json", "/summaries/%ff/summary.md", "/summaries/%ff/v/1"];

test.describe("malformed percent-encoding", () => {
  for (const path of MALFORMED_API) {
    test(`GET ${path} answers the API's 400 JSON`, async ({ request }) => {
      for (const headers of [await auth("editor"), {}]) {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        expect(response.status()).toBe(400);
        expect(await response.json()).toMatchObject({ error: { code: "bad_request" } });
      }
    });
  }

  for (const path of MALFORMED_PUBLIC) {
    test(`GET ${path} answers 400`, async ({ request }) => {
      expect((await request.get(path, { maxRedirects: 0 })).status()).toBe(400);
    });
  }

  test("a PATCH to a malformed claim id is refused as 400", async ({ request }) => {
    const response = await request.patch("/api/v1/claims/%ff", { headers: await auth("editor"), data: { text: "A claim text long enough to pass.", expectedVersion: 1 } });
    expect(response.status()).toBe(400);
  });

  // Refused before the sign-in gate: a signed-in desk user would otherwise reach Next's failing route-param decoding.
  for (const path of ["/claims/%ff", "/articles/%ff", "/articles/%ff/publish"]) {
    test(`GET ${path} (a desk page) answers 400, before the sign-in gate`, async ({ request }) => {
      expect((await request.get(path, { maxRedirects: 0 })).status()).toBe(400);
    });
  }
});

test.describe("lone surrogates", () => {
  test("a claim whose note and quote hold lone surrogates is stored well-formed and the audit chain stays intact", async ({ request }) => {
    const tag = Date.now().toString(36);
    // Written by hand: JSON.stringify would not emit a lone surrogate escape the way a hostile client can.
    const body = String.raw`{"text":"Lone surrogate claim ${tag} \ud800 here","note":"x \ud800 y","citations":[{"kind":"origin","url":"https://example.com/${tag}","title":"Title \udc00","quote":"quoted \ud83d passage"}]}`;
    const created = await request.post("/api/v1/claims", { headers: { ...(await auth("reporter")), "Content-Type": "application/json" }, data: body });
    expect(created.status()).toBe(201);
    const claim = await created.json();
    expect(claim.text).toBe(`Lone surrogate claim ${tag} \ufffd here`);
    expect(claim.citations[0]).toMatchObject({ title: "Title \ufffd", quote: "quoted \ufffd passage" });
    expect(claim.signoffs[0].note).toBe("x \ufffd y");

    const verify = await request.get("/api/v1/audit/verify", { headers: await auth("admin") });
    expect(verify.status()).toBe(200);
    const report = await verify.json();
    expect(report).toMatchObject({ ok: true, problems: [], headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const anchored = await request.get(`/api/v1/audit/verify?expectHead=${report.headHash}`, { headers: await auth("admin") });
    expect(await anchored.json()).toMatchObject({ ok: true, anchor: { hash: report.headHash } });
    const unknown = await request.get(`/api/v1/audit/verify?expectHead=${"ab".repeat(32)}`, { headers: await auth("admin") });
    expect(await unknown.json()).toMatchObject({ ok: false, anchor: { signoffId: null }, problems: [{ reason: expect.stringContaining("is not in the chain") }] });
    expect((await request.get("/api/v1/audit/verify?expectHead=nope", { headers: await auth("admin") })).status()).toBe(422);
  });
});

test("publishedAt must be a real date: \"-1\" is refused naming the field", async ({ request }) => {
  const response = await request.post("/api/v1/articles", {
    headers: await auth("reporter"),
    data: { title: "Dated story", body: `An article body ${Date.now()} long enough.`, publishedAt: "-1" },
  });
  expect(response.status()).toBe(422);
  expect((await response.json()).error.fields).toHaveProperty("publishedAt");
});
