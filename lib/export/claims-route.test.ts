import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { createToken } from "@/lib/tokens/tokens";
import { createDesk, submit, type Desk } from "@/lib/workflow/test-fixtures";
import { CLAIM_CSV_COLUMNS } from "./claims-csv";
import { parseCsv } from "./parse-csv";

/*
 * GET /api/v1/claims with Accept: text/csv over real HTTP: the route handler behind a plain Node
 * server, read with fetch, so a buffered body or a JSON content type would show here.
 */

let db: Db;
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: () => db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { GET } = await import("@/app/api/v1/claims/route");

let desk: Desk;
let server: http.Server;
let base: string;
let token: string;
const made: number[] = [];

beforeAll(async () => {
  desk = createDesk();
  db = desk.db;
  db.update(users).set({ name: "José Núñez" }).where(eq(users.id, desk.reporter.id)).run();
  for (let i = 0; i < 130; i++) made.push((await submit(desk, desk.reporter, `Claim ${i + 1}: the café, the élan, the naïve résumé.`)).id);
  const created = await createToken(db, desk.editorA.id, { name: "export" });
  if (!created.ok) throw new Error(created.error.message);
  token = created.value.token;
  server = http.createServer(async (req, res) => {
    const request = new Request(`http://${req.headers.host}${req.url}`, { headers: req.headers as Record<string, string> });
    const response = await GET(request, { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  db.$client.close();
});

const get = (query: string, accept: string) => fetch(`${base}/api/v1/claims${query}`, { headers: { authorization: `Bearer ${token}`, accept } });

describe("GET /api/v1/claims with Accept: text/csv", () => {
  it("answers every matching claim as a CSV download, BOM and accents intact, past one page and one chunk", async () => {
    const response = await get("?limit=10&sort=newest", "text/csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="factdesk-claims-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes));
    expect(records[0]).toEqual([...CLAIM_CSV_COLUMNS]);
    expect(records.slice(1).map((record) => Number(record[0]))).toEqual([...made].reverse());
    expect(records[1]![3]).toBe("Claim 130: the café, the élan, the naïve résumé.");
    expect(records[1]![5]).toBe("José Núñez");
    expect(records[1]![records[0]!.indexOf("URL")]).toBe(`${base}/claims/${made.at(-1)}`);
  });

  it("takes the same filters as the JSON list", async () => {
    const response = await get("?q=%22Claim%207:%22", "text/csv, application/json;q=0.5");
    const records = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
    expect(records.slice(1).map((record) => Number(record[0]))).toEqual([made[6]]);
  });

  it("stays JSON without the header, and refuses a bad filter with the API's error shape either way", async () => {
    const json = await get("?limit=5", "application/json");
    expect(json.headers.get("content-type")).toContain("application/json");
    expect(((await json.json()) as { data: unknown[] }).data).toHaveLength(5);
    const bad = await get("?state=nonsense", "text/csv");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid");
  });
});
