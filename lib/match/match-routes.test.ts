import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { importReportSchema, matchListSchema } from "@/lib/api/routes-match";
import { createToken } from "@/lib/tokens/tokens";
import { createDesk, submit, type Desk } from "@/lib/workflow/test-fixtures";

/* POST /api/v1/factchecks/import, POST /api/v1/match and GET /api/v1/claims/{id}/matches through their route handlers. */

let db: Db;
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: () => db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const importRoute = await import("@/app/api/v1/factchecks/import/route");
const matchRoute = await import("@/app/api/v1/match/route");
const claimMatchesRoute = await import("@/app/api/v1/claims/[id]/matches/route");

let desk: Desk;
const tokens: Record<"editor" | "reporter", string> = { editor: "", reporter: "" };
let claimId = 0;

beforeAll(async () => {
  desk = createDesk();
  db = desk.db;
  for (const [role, user] of [["editor", desk.editorA], ["reporter", desk.otherReporter]] as const) {
    const created = await createToken(db, user.id, { name: "matching" });
    if (!created.ok) throw new Error(created.error.message);
    tokens[role] = created.value.token;
  }
  claimId = (await submit(desk, desk.reporter, "The mayor said the new bridge cost 40 million dollars.")).id;
});
afterAll(() => db.$client.close());

const headers = (role: "editor" | "reporter") => ({ authorization: `Bearer ${tokens[role]}`, "content-type": "application/json" });
const post = (route: { POST: (r: Request, c: { params: Promise<Record<string, never>> }) => Promise<Response> }, path: string, body: unknown, role: "editor" | "reporter" = "editor") =>
  route.POST(new Request(`http://test/api/v1${path}`, { method: "POST", headers: headers(role), body: JSON.stringify(body) }), { params: Promise.resolve({}) });

const feed = {
  "@context": "https://schema.org",
  "@type": "DataFeed",
  dataFeedElement: [
    {
      "@type": "DataFeedItem",
      item: [
        { "@type": "ClaimReview", url: "https://checks.example/bridge", claimReviewed: "The new river bridge cost 40 million dollars.", headline: "Did the Bridge Cost $40 Million?", author: { name: "Example Checks" }, reviewRating: { alternateName: "Mostly true" } },
        { "@type": "ClaimReview", claimReviewed: "missing url" },
      ],
    },
  ],
};

describe("POST /api/v1/factchecks/import", () => {
  it("imports a DataFeed and answers {imported, updated, skipped, errors} with each bad item's index", async () => {
    const response = await post(importRoute, "/factchecks/import", feed);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(importReportSchema.safeParse(body).success).toBe(true);
    expect(body).toEqual({ imported: 1, updated: 0, skipped: 0, errors: [{ index: 1, message: "The ClaimReview has no url (the archive's key)." }] });
    expect(await (await post(importRoute, "/factchecks/import", feed)).json()).toMatchObject({ imported: 0, skipped: 1 });
  });

  it("is for editors: a reporter's token gets 403 and nothing is stored", async () => {
    const before = db.$client.prepare("SELECT count(*) AS n FROM factchecks").get();
    const response = await post(importRoute, "/factchecks/import", [{ "@type": "ClaimReview", url: "https://checks.example/other", claimReviewed: "x y z" }], "reporter");
    expect(response.status).toBe(403);
    expect(db.$client.prepare("SELECT count(*) AS n FROM factchecks").get()).toEqual(before);
  });
});

describe("POST /api/v1/match and GET /api/v1/claims/{id}/matches", () => {
  it("answers {data: [...]} in the documented shape, archive and desk, best first", async () => {
    const response = await post(matchRoute, "/match", { text: "Was the bridge really 40 million dollars? #bridge https://t.co/abc", limit: 5 }, "reporter");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(matchListSchema.safeParse(body).success).toBe(true);
    expect(body.data.map((m: { source: string }) => m.source).sort()).toEqual(["archive", "desk"]);
    expect(body.data.find((m: { source: string }) => m.source === "archive")).toMatchObject({ url: "https://checks.example/bridge", rating: "Mostly true", author: "Example Checks" });
    expect(body.data.find((m: { source: string }) => m.source === "desk")).toMatchObject({ claimId, state: "draft" });
  });

  it("refuses a missing text as 422 naming the field", async () => {
    const response = await post(matchRoute, "/match", { limit: 3 });
    expect(response.status).toBe(422);
    expect(Object.keys((await response.json()).error.fields)).toContain("text");
  });

  it("lists a claim's matches without the claim itself, 404 for an unknown claim", async () => {
    const get = (id: string) => claimMatchesRoute.GET(new Request(`http://test/api/v1/claims/${id}/matches?limit=3`, { headers: headers("reporter") }), { params: Promise.resolve({ id }) });
    const response = await get(String(claimId));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data[0]).toMatchObject({ url: "https://checks.example/bridge", source: "archive" });
    expect(body.data.some((m: { claimId?: number }) => m.claimId === claimId)).toBe(false);
    expect((await get("999999")).status).toBe(404);
  });
});
