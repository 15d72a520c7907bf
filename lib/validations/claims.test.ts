import { describe, expect, it } from "vitest";
import { parseQueueQuery } from "./claims";

describe("parseQueueQuery", () => {
  it("takes the list's filters plus assigned=me and actionable=1|true, and refuses anything else for them", () => {
    expect(parseQueueQuery(new URLSearchParams("state=draft&assigned=me&actionable=1"))).toEqual({ ok: true, value: { state: "draft", assigned: "me", actionable: "1" } });
    expect(parseQueueQuery({ actionable: "true" })).toMatchObject({ ok: true, value: { actionable: "true" } });
    expect(parseQueueQuery({ assigned: "someone-else" }).ok).toBe(false);
    expect(parseQueueQuery({ actionable: "0" }).ok).toBe(false);
    // Blank params are dropped: an unticked box sends nothing, a cleared one may send "".
    expect(parseQueueQuery({ assigned: "", actionable: "" })).toEqual({ ok: true, value: {} });
  });
});
