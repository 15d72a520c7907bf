import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { claims } from "@/db/schema";
import { deadlineSettingsResponseSchema, overdueSummarySchema } from "@/lib/api/routes-deadlines";
import { claimDetailSchema } from "@/lib/api/schemas";
import { createToken } from "@/lib/tokens/tokens";
import { CLAIM_TEXT, createDesk, originCitation, submit, type Desk } from "@/lib/workflow/test-fixtures";

/* The deadline endpoints through their route handlers: shapes as documented, rules, 409/422, and the claim list's overdue filter. */

let db: Db;
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: () => db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const due = await import("@/app/api/v1/claims/[id]/due/route");
const list = await import("@/app/api/v1/claims/route");
const bulk = await import("@/app/api/v1/claims/bulk/route");
const targets = await import("@/app/api/v1/deadlines/targets/route");
const overdue = await import("@/app/api/v1/deadlines/overdue/route");

let desk: Desk;
const tokens = { editor: "", reporter: "", admin: "" };

beforeAll(async () => {
  desk = createDesk();
  db = desk.db;
  for (const [role, user] of [["editor", desk.editorA], ["reporter", desk.reporter], ["admin", desk.admin]] as const) {
    const created = await createToken(db, user.id, { name: "deadlines" });
    if (!created.ok) throw new Error(created.error.message);
    tokens[role] = created.value.token;
  }
});
afterAll(() => db.$client.close());

type Role = keyof typeof tokens;
const request = (method: string, path: string, role: Role, body?: unknown) =>
  new Request(`http://test/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[role]}`, ...(body !== undefined && { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const noParams = { params: Promise.resolve({}) };
const setDue = (claimId: number, body: unknown, role: Role = "editor") => due.POST(request("POST", `/claims/${claimId}/due`, role, body), { params: Promise.resolve({ id: String(claimId) }) });
const version = (claimId: number) => db.select({ version: claims.version }).from(claims).where(eq(claims.id, claimId)).get()!.version;

describe("POST /api/v1/claims/{id}/due", () => {
  it("sets a due date (stored in UTC) and answers the claim as documented; clears it with null", async () => {
    const claim = await submit(desk);
    const response = await setDue(claim.id, { dueAt: "2030-01-02T10:00:00+01:00", expectedVersion: 1 });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(claimDetailSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ dueAt: "2030-01-02T09:00:00.000Z", version: 2 });
    const cleared = await (await setDue(claim.id, { dueAt: null, expectedVersion: 2 })).json();
    expect(cleared).toMatchObject({ dueAt: null, version: 3 });
    expect(cleared.dueChanges).toHaveLength(2);
  });

  it("answers 409 for a stale version, 422 naming dueAt for a bad date, 403 for a reporter — and changes nothing", async () => {
    const claim = await submit(desk);
    await setDue(claim.id, { dueAt: "2030-01-02T10:00:00Z", expectedVersion: 1 });
    const stale = await setDue(claim.id, { dueAt: null, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    const bad = await setDue(claim.id, { dueAt: "2030-01-02 10:00", expectedVersion: 2 });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields.dueAt[0]).toMatch(/time zone/);
    const reporter = await setDue(claim.id, { dueAt: null, expectedVersion: 2 }, "reporter");
    expect(reporter.status).toBe(403);
    expect((await reporter.json()).error.message).toBe("Only editors can change a claim's due date");
    expect(db.select({ dueAt: claims.dueAt, version: claims.version }).from(claims).where(eq(claims.id, claim.id)).get()).toEqual({ dueAt: "2030-01-02T10:00:00.000Z", version: 2 });
  });
});

describe("claims with due dates in the list and at submit", () => {
  it("POST /claims takes dueAt from a reporter; GET /claims?overdue=true finds the overdue one and returns dueAt", async () => {
    const created = await list.POST(
      request("POST", "/claims", "reporter", { text: `${CLAIM_TEXT} overdue`, articleId: desk.articleId, citations: [originCitation(desk.articleId)], dueAt: "2020-05-01T12:00:00Z" }),
      noParams,
    );
    expect(created.status).toBe(201);
    const late = await created.json();
    expect(late.dueAt).toBe("2020-05-01T12:00:00.000Z");
    const body = await (await list.GET(request("GET", "/claims?overdue=true&limit=100", "editor"), noParams)).json();
    expect(body.data.map((claim: { id: number }) => claim.id)).toContain(late.id);
    expect(body.data.every((claim: { dueAt: string | null; state: string }) => claim.state !== "verified")).toBe(true);
    expect(body.data.find((claim: { id: number }) => claim.id === late.id).dueAt).toBe("2020-05-01T12:00:00.000Z");
    const fresh = await submit(desk);
    const ids = (await (await list.GET(request("GET", "/claims?deadline=overdue&limit=100", "editor"), noParams)).json()).data.map((claim: { id: number }) => claim.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(fresh.id);
    const sorted = (await (await list.GET(request("GET", "/claims?sort=due&limit=1", "editor"), noParams)).json()).data;
    expect(sorted[0].id).toBe(late.id);
  });

  it("refuses a bad dueAt at submit with 422 and creates nothing", async () => {
    const count = () => db.select({ id: claims.id }).from(claims).all().length;
    const before = count();
    const response = await list.POST(request("POST", "/claims", "reporter", { text: CLAIM_TEXT, articleId: desk.articleId, citations: [originCitation(desk.articleId)], dueAt: "2026-02-30T10:00:00Z" }), noParams);
    expect(response.status).toBe(422);
    expect(count()).toBe(before);
  });
});

describe("POST /api/v1/claims/bulk with action due", () => {
  it("answers each claim's outcome: done, or refused as stale", async () => {
    const [a, b] = [await submit(desk), await submit(desk)];
    await setDue(b.id, { dueAt: "2031-01-01T00:00:00Z", expectedVersion: 1 });
    const response = await bulk.POST(
      request("POST", "/claims/bulk", "editor", { action: "due", claims: [{ id: a.id, expectedVersion: 1 }, { id: b.id, expectedVersion: 1 }], dueAt: "2030-06-01T08:00:00Z" }),
      noParams,
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.results.map((r: { ok: boolean; status: number }) => [r.ok, r.status])).toEqual([[true, 200], [false, 409]]);
    expect(version(a.id)).toBe(2);
  });
});

describe("/api/v1/deadlines", () => {
  it("GET /deadlines/targets answers the defaults to anyone; PUT changes them for an admin only, 422 for bad values", async () => {
    const read = await (await targets.GET(request("GET", "/deadlines/targets", "reporter"), noParams)).json();
    expect(deadlineSettingsResponseSchema.safeParse(read).success).toBe(true);
    expect(read).toMatchObject({ targets: { draft: 48, reviewed: 24 }, dueSoonHours: 24, dueSoonPercent: 20, updatedAt: null });
    const values = { targets: { draft: 24, reviewed: null }, dueSoonHours: 6, dueSoonPercent: 25 };
    expect((await targets.PUT(request("PUT", "/deadlines/targets", "editor", values), noParams)).status).toBe(403);
    const bad = await targets.PUT(request("PUT", "/deadlines/targets", "admin", { ...values, dueSoonHours: 0 }), noParams);
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(["dueSoonHours"]);
    const saved = await (await targets.PUT(request("PUT", "/deadlines/targets", "admin", values), noParams)).json();
    expect(saved).toMatchObject({ ...values, updatedByName: "Ann Admin" });
    await targets.PUT(request("PUT", "/deadlines/targets", "admin", { targets: { draft: 48, reviewed: 24 }, dueSoonHours: 24, dueSoonPercent: 20 }), noParams);
  });

  it("GET /deadlines/overdue counts the overdue claims: the desk for an editor, their own for a reporter", async () => {
    const body = await (await overdue.GET(request("GET", "/deadlines/overdue", "editor"), noParams)).json();
    expect(overdueSummarySchema.safeParse(body).success).toBe(true);
    expect(body.count).toBeGreaterThanOrEqual(1);
    expect(body.claims[0]).toMatchObject({ source: "due", dueAt: "2020-05-01T12:00:00.000Z" });
    const other = await (await overdue.GET(request("GET", "/deadlines/overdue", "reporter"), noParams)).json();
    expect(other.count).toBe(body.count);
  });
});
