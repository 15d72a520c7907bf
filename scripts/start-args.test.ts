import { describe, expect, it } from "vitest";
import { KEEP_ALIVE_MS, nextStartArgs } from "./start-args";

const KEEP = ["--keepAliveTimeout", String(KEEP_ALIVE_MS)];

describe("nextStartArgs", () => {
  it("listens on HOSTNAME when it is set", () => {
    expect(nextStartArgs({ PORT: "3211", HOSTNAME: "127.0.0.1" })).toEqual(["start", "-p", "3211", "-H", "127.0.0.1", ...KEEP]);
    expect(nextStartArgs({ HOSTNAME: " ::1 " })).toEqual(["start", "-p", "3000", "-H", "::1", ...KEEP]);
  });

  it("ignores a HOSTNAME that is the machine's own name, as Docker sets it in every container", () => {
    expect(nextStartArgs({ PORT: "3000", HOSTNAME: "3f2a9c1b7d4e" }, "3f2a9c1b7d4e")).toEqual(["start", "-p", "3000", ...KEEP]);
    expect(nextStartArgs({ HOSTNAME: "127.0.0.1" }, "3f2a9c1b7d4e")).toEqual(["start", "-p", "3000", "-H", "127.0.0.1", ...KEEP]);
  });

  it("keeps Next's default (every interface) when HOSTNAME is unset or blank, and port 3000 by default", () => {
    expect(nextStartArgs({})).toEqual(["start", "-p", "3000", ...KEEP]);
    expect(nextStartArgs({ PORT: "8080", HOSTNAME: "" })).toEqual(["start", "-p", "8080", ...KEEP]);
  });

  it("keeps idle connections open longer than proxies keep theirs, so a reused connection is not reset under them", () => {
    expect(KEEP_ALIVE_MS).toBeGreaterThan(60_000);
  });
});
