import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dispatchEvents } from "@/lib/events/dispatch";
import { liveHandler } from "@/lib/events/handlers/live";
import { readEventsAfter, readLastEventId } from "@/lib/events/outbox";
import { assignClaim, transitionClaim } from "@/lib/workflow";
import { citation, createDesk, submit, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { LiveBus } from "./bus";
import { toLiveEvents, type LiveEvent } from "./payload";
import { parseCursor } from "./sent-window";
import { readMore, readSse, type ParsedSse } from "./sse";
import { openEventStream, type EventStreamOptions } from "./stream";

let desk: Desk;
let bus: LiveBus;
const controllers: AbortController[] = [];

beforeEach(async () => {
  desk = createDesk();
  bus = new LiveBus();
});
afterEach(async () => {
  for (const controller of controllers.splice(0)) controller.abort();
  desk.db.$client.close();
});

function open(options: Partial<EventStreamOptions> = {}) {
  const controller = new AbortController();
  controllers.push(controller);
  const opened = openEventStream({ db: desk.db, userId: desk.reporter.id, after: null, bus, signal: controller.signal, ...options });
  if (!opened.ok) throw new Error(opened.error.message);
  return { response: opened.value, controller };
}

const live = liveHandler(() => bus);
const dispatch = () => dispatchEvents(desk.db, [live]);
/** What a stream sent after its `ready`. */
const changes = (events: ParsedSse[]) => events.filter((event) => event.event !== "ready");
/** The ids of the events the stream sent (from their data: an `id:` is the stream's cursor, lib/live/sent-window.ts). */
const ids = (events: ParsedSse[]) => changes(events).map((event) => (JSON.parse(event.data) as { id: number }).id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const review = (claimId: number, version: number) =>
  transitionClaim(desk.db, desk.editorA, claimId, { action: "review", note: "Checked", citations: [citation()], expectedVersion: version });

describe("openEventStream", () => {
  it("answers text/event-stream that no proxy or compression buffers", async () => {
    const { response } = open();
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
  });

  it("sends events as they are dispatched, one event type per kind, the outbox id as id, names resolved", async () => {
    await dispatch(); // the live cursor starts here ("skip")
    const { response } = open();
    const claim = await submit(desk);
    await review(claim.id, claim.version);
    await dispatch();
    const { events } = await readSse(response.body!, (events) => changes(events).length >= 2);
    expect(events[0]).toEqual({ event: "ready", data: JSON.stringify({ userId: desk.reporter.id }) });
    expect(changes(events).map((event) => event.event)).toEqual(["claim.submitted", "claim.transitioned"]);
    expect(ids(events)[1]).toBe(await readLastEventId(desk.db));
    // In order, nothing missing (always, on SQLite): the SSE id is the event id itself.
    expect(changes(events).map((event) => event.id)).toEqual(ids(events).map(String));
    const data = JSON.parse(events[2]!.data) as LiveEvent;
    expect(data).toMatchObject({ kind: "claim.transitioned", claimId: claim.id, action: "review", actorId: desk.editorA.id, actorName: "Ada Editor", description: "reviewed this claim", version: 2 });
  });

  it("resuming after an id replays the rest from the events table, then continues live, each event once", async () => {
    const claim = await submit(desk);
    const seen = await readLastEventId(desk.db);
    const reviewed = unwrap(await review(claim.id, claim.version));
    unwrap(await assignClaim(desk.db, desk.editorB, claim.id, { assigneeId: desk.editorC.id, expectedVersion: reviewed.version }));
    // Nothing was dispatched: the replay comes from the table alone.
    const { response } = open({ after: seen });
    const first = await readSse(response.body!, (events) => changes(events).length >= 2);
    expect(changes(first.events).map((event) => event.event)).toEqual(["claim.transitioned", "claim.assigned"]);
    expect(JSON.parse(changes(first.events)[1]!.data)).toMatchObject({ actorName: "Ben Editor", description: "assigned this claim to Cy Editor" });

    // Dispatching now publishes those two again (and a new one): the stream sends only the new one.
    await submit(desk, desk.reporter, "Johnson was 63 in June 2018.");
    await dispatchEvents(desk.db, [{ ...live, history: "replay" }]);
    const more = await readMore(first.reader, first.text, (events) => changes(events).length >= 3);
    expect(ids(more.events)).toEqual([seen + 1, seen + 2, seen + 3]);
  });

  // On PostgreSQL an event id is taken at INSERT and visible at COMMIT: two writers can commit in the
  // other order, and their events reach the bus (and a replay) lower id last. Simulated here by
  // publishing real events out of order.
  it("sends an event that commits after a higher one, once, and drops every repeat", async () => {
    await dispatch();
    const { response } = open();
    const start = await readLastEventId(desk.db);
    const opened = await readSse(response.body!, (events) => events.length >= 1); // ready, and the (empty) replay done
    await submit(desk);
    await submit(desk, desk.reporter, "Johnson was 63 in June 2018.");
    const recorded = await toLiveEvents(desk.db, await readEventsAfter(desk.db, start, 100));
    const [lower, ...rest] = recorded;
    expect(rest.length).toBeGreaterThan(0);
    bus.publish(rest); // the higher ids committed first
    bus.publish([lower!]); // then the lower one
    bus.publish(recorded); // and everything again (a second dispatch, another server)
    await dispatch();
    await submit(desk, desk.reporter, "The river is 300 km long.");
    await dispatch();
    const { events } = await readMore(opened.reader, opened.text, (events) => changes(events).length >= recorded.length + 1);
    const newest = await readLastEventId(desk.db);
    expect(ids(events)).toEqual([...rest.map((event) => event.id), lower!.id, ...range(recorded.at(-1)!.id + 1, newest)]);
    // While the lower id was missing, the cursor said so; once it was sent, it is the plain id again.
    expect(changes(events)[0]!.id).toBe(`${rest[0]!.id}:${lower!.id}`);
    expect(changes(events).at(-1)!.id).toBe(String(newest));
  });

  it("a stream resumed from a cursor replays the events its last stream was still waiting for, once", async () => {
    await dispatch();
    const start = await readLastEventId(desk.db);
    const first = open();
    const opened = await readSse(first.response.body!, (events) => events.length >= 1);
    await submit(desk);
    await submit(desk, desk.reporter, "Johnson was 63 in June 2018.");
    const recorded = await toLiveEvents(desk.db, await readEventsAfter(desk.db, start, 100));
    const [lower, ...rest] = recorded;
    bus.publish(rest); // the lower event has not committed yet when the connection drops
    const before = await readMore(opened.reader, opened.text, (events) => changes(events).length >= rest.length);
    const lastId = changes(before.events).at(-1)!.id!;
    expect(lastId).toBe(`${rest.at(-1)!.id}:${lower!.id}`);
    first.controller.abort();

    // It has committed by the time the browser reconnects with Last-Event-ID.
    const { response } = open({ after: parseCursor(lastId) });
    await submit(desk, desk.reporter, "The river is 300 km long.");
    await dispatchEvents(desk.db, [{ ...live, history: "replay" }]); // all of them published again
    const { events } = await readSse(response.body!, (events) => changes(events).length >= 2);
    expect(ids(events)).toEqual([lower!.id, ...range(recorded.at(-1)!.id + 1, await readLastEventId(desk.db))]);
  });

  it("replays a long backlog page by page, in order", async () => {
    const claim = await submit(desk);
    let version = claim.version;
    for (let i = 0; i < 7; i++) version = unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: i % 2 ? desk.editorB.id : desk.editorC.id, expectedVersion: version })).version;
    const { response } = open({ after: 0, replayPage: 3 });
    const { events } = await readSse(response.body!, (events) => changes(events).length >= 8);
    expect(ids(events)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("tells a person their unread count, on their streams only, without an id", async () => {
    await dispatch();
    const { response: mine } = open();
    const { response: theirs } = open({ userId: desk.editorB.id });
    bus.signal(desk.reporter.id, { kind: "notification", unreadCount: 4 });
    await submit(desk);
    await dispatch();
    const { events } = await readSse(mine.body!, (events) => changes(events).length >= 2);
    expect(changes(events).find((event) => event.event === "notification")).toEqual({ event: "notification", data: JSON.stringify({ kind: "notification", unreadCount: 4 }) });
    const other = await readSse(theirs.body!, (events) => changes(events).length >= 1);
    expect(changes(other.events).map((event) => event.event)).toEqual(["claim.submitted"]);
  });

  it("unsubscribes when the client goes away, when the reader cancels, and when it may no longer listen", async () => {
    const a = open();
    const b = open();
    let allowed = true;
    const c = open({ heartbeatMs: 20, stillAllowed: () => allowed });
    expect(bus.size(desk.reporter.id)).toBe(3);

    a.controller.abort();
    expect(bus.size(desk.reporter.id)).toBe(2);
    await b.response.body!.cancel();
    expect(bus.size(desk.reporter.id)).toBe(1);

    const heartbeat = await readSse(c.response.body!, () => false, 100).catch((error: Error) => error.message);
    expect(heartbeat).toMatch(/: heartbeat/);
    allowed = false;
    await expect.poll(() => bus.size(), { timeout: 1000 }).toBe(0);
  });

  it("refuses a stream beyond the per-user limit with rate_limited", async () => {
    const small = new LiveBus({ perUser: 1, total: 10 });
    open({ bus: small });
    const refused = openEventStream({ db: desk.db, userId: desk.reporter.id, after: null, bus: small });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe("rate_limited");
  });
});

describe("the live handler's notification signals", () => {
  it("tells each person notified by the events their unread count, once per dispatch, and only those with a stream open", async () => {
    const notified = new Map([[1, [desk.reporter.id, desk.editorB.id]], [2, [desk.reporter.id]]]);
    const counts: number[] = [];
    const handler = liveHandler(() => bus, {
      recipientsOf: async () => notified,
      unreadCount: async (_db, userId) => (counts.push(userId), 3),
    });
    await dispatchEvents(desk.db, [handler]);
    const { response } = open();
    await submit(desk);
    await dispatchEvents(desk.db, [handler]);
    const { events } = await readSse(response.body!, (events) => changes(events).length >= 2);
    expect(changes(events).map((event) => event.event)).toEqual(["claim.submitted", "notification"]);
    expect(JSON.parse(changes(events)[1]!.data)).toEqual({ kind: "notification", unreadCount: 3 });
    // editorB had no stream open: their count was not even read.
    expect(counts).toEqual([desk.reporter.id]);
  });
});
