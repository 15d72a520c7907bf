import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { readLastEventId } from "@/lib/events/outbox";
import { createToken } from "@/lib/tokens/tokens";
import { transitionClaim } from "@/lib/workflow";
import { citation, createDesk, submit, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { liveBus } from "./bus";
import { readSse, type ParsedSse } from "./sse";

/*
 * GET /api/v1/events over real HTTP: the route handler behind a plain Node server, read with fetch as
 * an integration would, so a buffered or never-ending body would show here.
 */

let db: Db;
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: () => db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { GET } = await import("@/app/api/v1/events/route");
const { applyEffects } = await import("@/lib/events/effects");

let desk: Desk;
let server: http.Server;
let base: string;
let token: string;

beforeAll(async () => {
  desk = createDesk();
  db = desk.db;
  const created = await createToken(db, desk.editorC.id, { name: "stream" });
  if (!created.ok) throw new Error(created.error.message);
  token = created.value.token;
  await applyEffects(db); // every consumer's cursor starts here
  server = http.createServer(async (req, res) => {
    const aborted = new AbortController();
    res.on("close", () => aborted.abort());
    const request = new Request(`http://127.0.0.1${req.url}`, { headers: req.headers as Record<string, string>, signal: aborted.signal });
    const response = await GET(request, { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
    } catch {
      // the client went away
    } finally {
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  db.$client.close();
});

const changes = (events: ParsedSse[]) => events.filter((event) => event.event !== "ready");

function stream(headers: Record<string, string> = {}, query = "") {
  const aborted = new AbortController();
  const response = fetch(`${base}/api/v1/events${query}`, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: aborted.signal });
  return { response, close: () => aborted.abort() };
}

describe("GET /api/v1/events", () => {
  it("needs a token: 401 with the API's error shape without one", async () => {
    const response = await fetch(`${base}/api/v1/events`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    const bad = await fetch(`${base}/api/v1/events`, { headers: { authorization: "Bearer fd_nope" } });
    expect(bad.status).toBe(401);
  });

  it("streams a claim change as it commits, as text/event-stream with event type and id, and unsubscribes on close", async () => {
    const { response, close } = stream();
    const answer = await response;
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(answer.headers.get("cache-control")).toBe("no-cache, no-transform");
    // The stream is open (its `ready` came) before anything happens.
    const reader = answer.body!;
    const opened = readSse(reader, (events) => changes(events).length >= 1);
    await expect.poll(() => liveBus().size(desk.editorC.id)).toBe(1);

    const claim = await submit(desk);
    await applyEffects(db);
    const { events } = await opened;
    expect(events[0]).toMatchObject({ event: "ready" });
    expect(changes(events)[0]).toMatchObject({ event: "claim.submitted", id: String(await readLastEventId(db)) });
    expect(JSON.parse(changes(events)[0]!.data)).toMatchObject({ claimId: claim.id, actorName: "Rita Reporter", description: "submitted this claim" });

    close();
    await expect.poll(() => liveBus().size(desk.editorC.id)).toBe(0);
  });

  it("resumes after Last-Event-ID (or ?after=) with what it missed, from the database", async () => {
    const claim = await submit(desk);
    const seen = await readLastEventId(db);
    unwrap(await transitionClaim(db, desk.editorA, claim.id, { action: "review", note: "ok", citations: [citation()], expectedVersion: claim.version }));
    await applyEffects(db);

    const resumes: Array<{ headers: Record<string, string>; query: string }> = [
      { headers: { "Last-Event-ID": String(seen) }, query: "" },
      { headers: {}, query: `?after=${seen}` },
    ];
    for (const resume of resumes) {
      const { response, close } = stream(resume.headers, resume.query);
      const { events } = await readSse((await response).body!, (events) => changes(events).length >= 1);
      expect(changes(events).map((event) => [event.event, Number(event.id)])).toEqual([["claim.transitioned", seen + 1]]);
      expect(JSON.parse(changes(events)[0]!.data)).toMatchObject({ actorName: "Ada Editor", description: "reviewed this claim" });
      close();
    }
  });
});
