import { describe, expect, it } from "vitest";
import { hasMalformedPercentEncoding, malformedPathResponse } from "./malformed-path";

describe("malformedPathResponse", () => {
  it.each(["/api/v1/claims/%ff", "/api/v1/claims/%E0%A4%A", "/api/v1/claims/%zz", "/api/v1/claims/%"])("answers %s with the API's 400 JSON", async (path) => {
    const response = malformedPathResponse(path)!;
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({ error: { code: "bad_request", message: expect.stringContaining("percent-encoding") } });
  });

  it("answers pages and public summaries with a plain 400", async () => {
    const response = malformedPathResponse("/summaries/%ff")!;
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(await response.text()).toContain("400 Bad Request");
  });

  it.each(["/api/v1/claims/12", "/summaries/caf%C3%A9", "/summaries/%25ff", "/claims/%F0%9F%98%80", "/"])("lets the well-formed %s through", (path) => {
    expect(hasMalformedPercentEncoding(path)).toBe(false);
    expect(malformedPathResponse(path)).toBeNull();
  });
});
