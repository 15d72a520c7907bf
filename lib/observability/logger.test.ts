import { afterEach, describe, expect, it } from "vitest";
import { newRequestContext, runWithRequest } from "./context";
import { configuredLevel, logFailure, logger, readableLine, recentErrors } from "./logger";
import { scrub } from "./redact";
import { captureLogs } from "./test-capture";

let capture: ReturnType<typeof captureLogs> | undefined;
afterEach(() => capture?.restore());

describe("logger", () => {
  it("writes one JSON object a line with an ISO time and the level by name", () => {
    capture = captureLogs();
    logger().info({ route: "/claims/[id]" }, "GET /claims/[id] 200");
    const [line] = capture.lines();
    expect(line).toMatchObject({ level: "info", msg: "GET /claims/[id] 200", route: "/claims/[id]" });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it("never writes a password, token, secret, cookie or Authorization value handed to it, at any level", () => {
    capture = captureLogs();
    const secrets = { password: "hunter2-password", token: "fd_abcdefghijklmnopqrstuvwxyz", secret: "whsec_0123456789abcdef" };
    for (const level of ["trace", "debug", "info", "warn", "error", "fatal"] as const) {
      logger()[level](
        { ...secrets, headers: { authorization: "Bearer fd_zzzzzzzzzzzzzzzz", cookie: "authjs.session-token=abc.def.ghi" }, user: { password: "nested-pass" } },
        "careless caller",
      );
    }
    const text = capture.text();
    expect(capture.lines()).toHaveLength(6);
    for (const value of ["hunter2-password", "fd_abcdefghijklmnopqrstuvwxyz", "whsec_0123456789abcdef", "fd_zzzzzzzzzzzzzzzz", "abc.def.ghi", "nested-pass"]) {
      expect(text).not.toContain(value);
    }
    expect(capture.lines()[0]).toMatchObject({ password: "[redacted]", headers: { authorization: "[redacted]", cookie: "[redacted]" } });
  });

  it("scrubs secrets a library put into an error's message and stack", () => {
    expect(scrub("connect failed: smtp://desk:s3cret-pass@mail.example:587")).toBe("connect failed: smtp://[redacted]@mail.example:587");
    expect(scrub("sent Authorization: Bearer fd_abcdefghijklmnop")).not.toContain("fd_abcdefghijklmnop");
    expect(scrub("GET /hook?token=abc123&x=1")).toBe("GET /hook?token=[redacted]&x=1");
    expect(scrub("signed with whsec_abcdefghijklmnop")).not.toContain("abcdefghijklmnop");
  });

  it("logs a failure with its code, stack and the request id, and keeps it for the System page", () => {
    capture = captureLogs();
    const error = Object.assign(new Error("database is locked; url smtp://u:pw-in-url@host"), { code: "SQLITE_BUSY" });
    runWithRequest(newRequestContext("req-failure-1"), () => logFailure("api", error, { method: "POST" }));
    const [line] = capture.lines();
    expect(line).toMatchObject({ level: "error", source: "api", request_id: "req-failure-1", method: "POST", err: { type: "Error", code: "SQLITE_BUSY" } });
    expect((line.err as { stack: string }).stack).toContain("logger.test.ts");
    expect(capture.text()).not.toContain("pw-in-url");
    expect(recentErrors()[0]).toMatchObject({ requestId: "req-failure-1", source: "api", code: "SQLITE_BUSY" });
  });

  it("takes its level from LOG_LEVEL, info when unset or unknown", () => {
    expect(configuredLevel({ LOG_LEVEL: "debug" })).toBe("debug");
    expect(configuredLevel({ LOG_LEVEL: " WARN " })).toBe("warn");
    expect(configuredLevel({ LOG_LEVEL: "loud" })).toBe("info");
    expect(configuredLevel({})).toBe("info");
  });

  it("prints development lines readably", () => {
    const line = readableLine(JSON.stringify({ level: "info", time: "2026-01-05T10:00:01.000Z", pid: 1, hostname: "h", msg: "GET /queue 200", request_id: "r1", duration_ms: 12.5 }));
    expect(line).toBe("10:00:01 INFO  GET /queue 200  request_id=r1 duration_ms=12.5\n");
  });
});
