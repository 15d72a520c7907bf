import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { claims } from "@/db/schema";
import { openApiDocument } from "@/lib/api/openapi";
import { bulkOutcomeSchema } from "@/lib/api/routes-bulk";
import { createToken } from "@/lib/tokens/tokens";
import { assignClaim } from "./assign";
import { createDesk, submit, unwrap, type Desk } from "./test-fixtures";

/* POST /api/v1/claims/bulk through its route handler: both ways of naming the claims, and the 422 when a request names them both or not at all. */

let db: Db;
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: () => db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const bulk = await import("@/app/api/v1/claims/bulk/route");

let desk: Desk;
let token = "";

beforeAll(async () => {
  desk = createDesk();
  db = desk.db;
  const created = await createToken(db, desk.editorA.id, { name: "bulk" });
  if (!created.ok) throw new Error(created.error.message);
  token = created.value.token;
});
afterAll(() => db.$client.close());

const post = (body: unknown) =>
  bulk.POST(
    new Request("http://test/api/v1/claims/bulk", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
const assigneeOf = (claimId: number) => db.select({ assigneeId: claims.assigneeId }).from(claims).where(eq(claims.id, claimId)).get()!.assigneeId;

describe("POST /api/v1/claims/bulk", () => {
  it("takes the issue's claimIds: each claim at its current version, answered as documented", async () => {
    const [a, b] = [await submit(desk), await submit(desk)];
    unwrap(await assignClaim(db, desk.editorC, b.id, { assigneeId: desk.editorC.id, expectedVersion: 1 }));
    const response = await post({ action: "assign", claimIds: [a.id, b.id, 999_999], assigneeId: desk.editorB.id });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(bulkOutcomeSchema.safeParse(body).success).toBe(true);
    expect(body.results.map((r: { claimId: number; ok: boolean; status: number; version?: number }) => [r.claimId, r.ok, r.status, r.version])).toEqual([
      [a.id, true, 200, 2],
      [b.id, true, 200, 3],
      [999_999, false, 404, undefined],
    ]);
    expect([assigneeOf(a.id), assigneeOf(b.id)]).toEqual([desk.editorB.id, desk.editorB.id]);
  });

  it("keeps claims with expectedVersion, which refuses a stale one (409)", async () => {
    const [a, b] = [await submit(desk), await submit(desk)];
    unwrap(await assignClaim(db, desk.editorC, b.id, { assigneeId: desk.editorC.id, expectedVersion: 1 }));
    const body = await (await post({ action: "assign", claims: [{ id: a.id, expectedVersion: 1 }, { id: b.id, expectedVersion: 1 }], assigneeId: desk.editorB.id })).json();
    expect(body.results.map((r: { ok: boolean; status: number }) => [r.ok, r.status])).toEqual([[true, 200], [false, 409]]);
    expect(assigneeOf(b.id)).toBe(desk.editorC.id);
  });

  it("answers 422 naming the field when both or neither are sent, and changes nothing", async () => {
    const claim = await submit(desk);
    const both = await post({ action: "assign", claims: [{ id: claim.id, expectedVersion: 1 }], claimIds: [claim.id], assigneeId: desk.editorB.id });
    expect(both.status).toBe(422);
    expect((await both.json()).error).toMatchObject({ code: "invalid", message: "Send either claims or claimIds, not both", fields: { claimIds: ["Send either claims or claimIds, not both"] } });
    const neither = await post({ action: "assign", assigneeId: desk.editorB.id });
    expect(neither.status).toBe(422);
    expect(Object.keys((await neither.json()).error.fields)).toEqual(["claims"]);
    expect(assigneeOf(claim.id)).toBeNull();
  });

  it("documents both forms in the OpenAPI document", () => {
    const schemas = (openApiDocument() as { components: { schemas: Record<string, { properties: Record<string, { description?: string; type?: string }> }> } }).components.schemas;
    const { claims: withVersions, claimIds } = schemas.BulkChange!.properties;
    expect(claimIds).toMatchObject({ type: "array" });
    expect(claimIds!.description).toMatch(/not detected/);
    expect(withVersions!.description).toMatch(/Exactly one of `claims` and `claimIds`/);
  });
});
