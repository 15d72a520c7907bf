import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isDemotion } from "./actor";
import { decodeCursor, encodeCursor } from "./cursor";
import { parseId, toId } from "./ids";
import { parseInput, parseQuery } from "./parse";
import { CITATION_KIND_LABEL, CITATION_KINDS, CLAIM_STATE_LABEL, CLAIM_STATES, ROLE_LABEL, ROLES, SIGNOFF_ACTION_LABEL, SIGNOFF_ACTIONS, VERDICT_LABEL, VERDICTS } from "./vocabulary";

describe("the vocabulary", () => {
  it("labels every word it defines, and nothing else", () => {
    const pairs: Array<[readonly string[], Record<string, string>]> = [
      [ROLES, ROLE_LABEL],
      [CLAIM_STATES, CLAIM_STATE_LABEL],
      [VERDICTS, VERDICT_LABEL],
      [CITATION_KINDS, CITATION_KIND_LABEL],
      [SIGNOFF_ACTIONS, SIGNOFF_ACTION_LABEL],
    ];
    for (const [words, labels] of pairs) expect(Object.keys(labels).sort()).toEqual([...words].sort());
  });
});

describe("cursors", () => {
  it("read back the position they were made from, forwards and backwards", () => {
    for (const before of [false, true]) {
      const raw = encodeCursor({ order: "oldest", position: ["2026-01-02T03:04:05.000Z", 42], before });
      expect(decodeCursor(raw, "oldest", ["string", "id"])).toEqual({ order: "oldest", position: ["2026-01-02T03:04:05.000Z", 42], before });
    }
  });

  it("refuse a cursor from another order, another list's shape, or one that was altered", () => {
    const raw = encodeCursor({ order: "oldest", position: ["2026-01-02", 42], before: false });
    expect(decodeCursor(raw, "newest", ["string", "id"])).toBeNull();
    expect(decodeCursor(raw, "oldest", ["id"])).toBeNull();
    expect(decodeCursor(encodeCursor({ order: "newest", position: [0], before: false }), "newest", ["id"])).toBeNull();
    expect(decodeCursor(raw.slice(0, -3), "oldest", ["string", "id"])).toBeNull();
    expect(decodeCursor("12", "newest", ["id"])).toBeNull(); // the old numeric article cursor
    expect(decodeCursor("not a cursor", "oldest", ["string", "id"])).toBeNull();
  });
});

describe("ids", () => {
  it("are positive integers written plainly; anything else names nothing", () => {
    expect(toId("17")).toBe(17);
    expect(toId(17)).toBe(17);
    for (const raw of ["0", "017", "-1", "1.5", "1e3", " 1", "9".repeat(16), "", 0, 1.5, Number.MAX_SAFE_INTEGER + 1, null]) expect(toId(raw)).toBeNull();
    expect(parseId("abc", "claim")).toEqual({ ok: false, error: { code: "not_found", message: 'There is no claim "abc".' } });
  });
});

describe("parsing into a Result", () => {
  const schema = z.object({ name: z.string().min(1), tags: z.array(z.string()).optional() });

  it("returns the schema's output with every string well-formed", () => {
    expect(parseInput(schema, { name: "a \ud800 b", tags: ["\udc00"] })).toEqual({ ok: true, value: { name: "a \ufffd b", tags: ["\ufffd"] } });
  });

  it("refuses with the fields that need attention", () => {
    const result = parseInput(schema, { name: "", tags: [1] }, "Check the highlighted fields.");
    expect(result).toMatchObject({ ok: false, error: { code: "invalid", message: "Check the highlighted fields." } });
    expect(!result.ok && Object.keys(result.error.fields ?? {}).sort()).toEqual(["name", "tags.0"]);
  });

  it("reads query parameters: blanks dropped, the first of repeats wins", () => {
    const query = z.object({ q: z.string().optional(), state: z.string().optional() });
    expect(parseQuery(query, new URLSearchParams("q=&state=draft&state=verified"))).toEqual({ ok: true, value: { state: "draft" } });
    expect(parseQuery(query, { q: ["pardon", "x"], state: "  " })).toEqual({ ok: true, value: { q: "pardon" } });
  });
});

describe("roles", () => {
  it("count a change as a demotion only when it takes abilities away", () => {
    expect(isDemotion("admin", "editor")).toBe(true);
    expect(isDemotion("editor", "reporter")).toBe(true);
    expect(isDemotion("admin", "reporter")).toBe(true);
    expect(isDemotion("reporter", "editor")).toBe(false);
    expect(isDemotion("editor", "editor")).toBe(false);
  });
});
