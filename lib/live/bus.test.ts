import { describe, expect, it, vi } from "vitest";
import { LiveBus, liveBus, type LiveListener } from "./bus";
import type { LiveEvent } from "./payload";

const event = (id: number) => ({ id, kind: "claim.edited", claimId: 1, actorId: 1, actorName: "A", description: "edited", at: "" }) as unknown as LiveEvent;

function listener(): LiveListener & { events: number[]; signals: number[] } {
  const events: number[] = [];
  const signals: number[] = [];
  return { events, signals, onEvents: (batch) => void events.push(...batch.map((e) => e.id)), onSignal: (s) => void signals.push(s.unreadCount) };
}

describe("LiveBus", () => {
  it("hands every published event to every subscriber, and none after it unsubscribes", () => {
    const bus = new LiveBus();
    const a = listener();
    const b = listener();
    const subA = bus.subscribe(1, a);
    const subB = bus.subscribe(2, b);
    bus.publish([event(1), event(2)]);
    if (!subA.ok || !subB.ok) throw new Error("subscribe");
    subA.unsubscribe();
    subA.unsubscribe(); // twice is harmless
    bus.publish([event(3)]);
    expect(a.events).toEqual([1, 2]);
    expect(b.events).toEqual([1, 2, 3]);
    expect(bus.size()).toBe(1);
    subB.unsubscribe();
    expect(bus.size()).toBe(0);
    expect(bus.idle).toBe(true);
  });

  it("signals only the user it names, on each of their streams", () => {
    const bus = new LiveBus();
    const mine = [listener(), listener()];
    const theirs = listener();
    for (const l of mine) bus.subscribe(7, l);
    bus.subscribe(8, theirs);
    bus.signal(7, { kind: "notification", unreadCount: 3 });
    expect(mine.map((l) => l.signals)).toEqual([[3], [3]]);
    expect(theirs.signals).toEqual([]);
    expect(bus.size(7)).toBe(2);
  });

  it("refuses a stream beyond the per-user and the process limits, and frees the place on unsubscribe", () => {
    const bus = new LiveBus({ perUser: 2, total: 3 });
    const first = bus.subscribe(1, listener());
    bus.subscribe(1, listener());
    const third = bus.subscribe(1, listener());
    expect(third.ok).toBe(false);
    if (!third.ok) expect(third.reason).toMatch(/2 live streams open/);
    bus.subscribe(2, listener());
    expect(bus.subscribe(3, listener()).ok).toBe(false);
    if (first.ok) first.unsubscribe();
    expect(bus.subscribe(3, listener()).ok).toBe(true);
  });

  it("keeps publishing to the others when one listener throws", () => {
    const bus = new LiveBus();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    bus.subscribe(1, { onEvents: () => { throw new Error("broken pipe"); }, onSignal: () => {} });
    const ok = listener();
    bus.subscribe(2, ok);
    bus.publish([event(1)]);
    expect(ok.events).toEqual([1]);
    errors.mockRestore();
  });

  it("is one bus per process, whichever copy of the module asks", () => {
    expect(liveBus()).toBe(liveBus());
  });
});
