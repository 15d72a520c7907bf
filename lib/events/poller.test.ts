import { describe, expect, it } from "vitest";
import { DISPATCH_HEADER, isDispatchRequest } from "./poller";

const request = (headers: Record<string, string> = {}) => new Request("http://127.0.0.1:3000/api/internal/effects", { method: "POST", headers });

describe("the effects route's caller check", () => {
  it("lets only this process's poller in: no header, a wrong one or a prefix of the secret is refused", () => {
    expect(isDispatchRequest(request())).toBe(false);
    const secret = (globalThis as unknown as { factdeskDispatchSecret: string }).factdeskDispatchSecret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(isDispatchRequest(request({ [DISPATCH_HEADER]: "0".repeat(64) }))).toBe(false);
    expect(isDispatchRequest(request({ [DISPATCH_HEADER]: secret.slice(0, 32) }))).toBe(false);
    expect(isDispatchRequest(request({ [DISPATCH_HEADER]: secret }))).toBe(true);
  });
});
