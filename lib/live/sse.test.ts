import { describe, expect, it } from "vitest";
import { encodeSse, encodeSseComment, resumeFrom } from "./sse";

describe("encodeSse", () => {
  it("writes event, id and data lines and ends with a blank line", () => {
    expect(encodeSse({ event: "claim.transitioned", id: 42, data: { claimId: 7 } })).toBe(
      'event: claim.transitioned\nid: 42\ndata: {"claimId":7}\n\n',
    );
  });

  it("splits multi-line data into one data line each, which a client joins back with newlines", () => {
    const encoded = encodeSse({ data: "first\nsecond\r\nthird" });
    expect(encoded).toBe("data: first\ndata: second\ndata: third\n\n");
    const joined = encoded.trimEnd().split("\n").map((line) => line.slice("data: ".length)).join("\n");
    expect(joined).toBe("first\nsecond\nthird");
  });

  it("keeps a line break in the event type or id from ending the field", () => {
    expect(encodeSse({ event: "a\nid: 1", id: "2\n3", data: "x" })).toBe("event: a id: 1\nid: 2 3\ndata: x\n\n");
  });

  it("JSON keeps newlines inside strings escaped, on one data line", () => {
    expect(encodeSse({ data: { note: "line one\nline two" } })).toBe('data: {"note":"line one\\nline two"}\n\n');
  });

  it("writes the reconnection delay, and comments clients ignore", () => {
    expect(encodeSse({ retry: 3000, data: "" })).toBe("retry: 3000\ndata: \n\n");
    expect(encodeSseComment("heartbeat")).toBe(": heartbeat\n\n");
  });
});

describe("resumeFrom", () => {
  const request = (url: string, lastEventId?: string) =>
    new Request(url, { headers: lastEventId === undefined ? {} : { "Last-Event-ID": lastEventId } });

  const at = (after: number, gaps: number[] = []) => ({ after, gaps });

  it("reads Last-Event-ID first, then ?after=, and ignores what is not an event id", () => {
    expect(resumeFrom(request("http://x/events", "12"))).toEqual(at(12));
    expect(resumeFrom(request("http://x/events?after=5", "12"))).toEqual(at(12));
    expect(resumeFrom(request("http://x/events?after=5"))).toEqual(at(5));
    expect(resumeFrom(request("http://x/events?after=5", "nope"))).toEqual(at(5));
    expect(resumeFrom(request("http://x/events?after=5", "12:x"))).toEqual(at(5));
    expect(resumeFrom(request("http://x/events?after=-1"))).toBeNull();
    expect(resumeFrom(request("http://x/events"))).toBeNull();
  });

  it("reads a cursor with the ids its stream had not sent yet, keeping only those in the window below it", () => {
    expect(resumeFrom(request("http://x/events", "42:37,39-40"))).toEqual(at(42, [37, 39, 40]));
    expect(resumeFrom(request("http://x/events", "2000:5,1990"))).toEqual(at(2000, [1990]));
    expect(resumeFrom(request("http://x/events", "42:50"))).toEqual(at(42));
  });
});
