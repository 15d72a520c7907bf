import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { statsSchema } from "@/lib/api/routes-stats";
import { createToken } from "@/lib/tokens/tokens";
import { createDesk, submit, type Desk } from "@/lib/workflow/test-fixtures";

/* GET /api/v1/stats through its route handler: validation (422 naming the field), the documented shape, scope by role. */

let db: Db;
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: () => db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { GET } = await import("@/app/api/v1/stats/route");

let desk: Desk;
const tokens: Record<"editor" | "reporter", string> = { editor: "", reporter: "" };

beforeAll(async () => {
  desk = createDesk();
  db = desk.db;
  for (const [role, user] of [["editor", desk.editorA], ["reporter", desk.otherReporter]] as const) {
    const created = await createToken(db, user.id, { name: "stats" });
    if (!created.ok) throw new Error(created.error.message);
    tokens[role] = created.value.token;
  }
  await submit(desk);
  await submit(desk, desk.reporter, "Johnson was 63 when her sentence was commuted in June 2018.");
});
afterAll(() => db.$client.close());

const get = (query: string, role: "editor" | "reporter" = "editor") =>
  GET(new Request(`http://test/api/v1/stats${query}`, { headers: { authorization: `Bearer ${tokens[role]}` } }), { params: Promise.resolve({}) });

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

describe("GET /api/v1/stats", () => {
  it("answers the last 30 days by default, in the documented shape, nothing overdue on a fresh desk", async () => {
    const response = await get("");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(statsSchema.safeParse(body).success).toBe(true);
    expect(body.perDay).toHaveLength(30);
    expect(body.period.to).toBe(new Date().toISOString().slice(0, 10));
    expect(body.counts).toEqual({ draft: 2, reviewed: 0, verified: 0 });
    expect(body.perDay.at(-1).submitted).toBe(2);
    expect(body.scope).toBe("desk");
    expect(body.overdue).toEqual({ count: 0, claims: [] });
    expect(body.longestWaiting).toHaveLength(2);
  });

  it("takes a chosen period", async () => {
    const body = await (await get("?from=2024-02-26&to=2024-03-10")).json();
    expect(body.period).toEqual({ from: "2024-02-26", to: "2024-03-10" });
    expect(body.perDay).toHaveLength(14);
    expect(body.perWeek.map((week: { weekStart: string }) => week.weekStart)).toEqual(["2024-02-26", "2024-03-04"]);
  });

  it("refuses from after to, a period over 366 days and a malformed date as 422 naming the field", async () => {
    for (const [query, field] of [
      ["?from=2024-03-02&to=2024-03-01", "from"],
      ["?from=2022-01-01&to=2024-03-01", "to"],
      ["?from=yesterday", "from"],
      ["?to=2024-02-31", "to"],
    ] as const) {
      const response = await get(query);
      expect(response.status, query).toBe(422);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe("invalid");
      expect(Object.keys(body.error.fields ?? {}), query).toContain(field);
    }
  });

  it("gives a reporter their own claims only", async () => {
    const body = await (await get("", "reporter")).json();
    expect(body.scope).toBe("own");
    expect(body.counts).toEqual({ draft: 0, reviewed: 0, verified: 0 });
    expect(body.longestWaiting).toEqual([]);
  });

  it("needs a token", async () => {
    const response = await GET(new Request("http://test/api/v1/stats"), { params: Promise.resolve({}) });
    expect(response.status).toBe(401);
  });
});
