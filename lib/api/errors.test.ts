import { describe, expect, it } from "vitest";
import { fail } from "@/lib/core/result";
import { newRequestContext, runWithRequest } from "@/lib/observability/context";
import { errorPayload } from "./errors";

describe("errorPayload", () => {
  it("names the request it answers, so a reported error can be matched to its log line", () => {
    const refused = fail("forbidden", "Only editors may verify a claim.");
    const inRequest = runWithRequest(newRequestContext("req-42"), () => errorPayload(refused.error));
    expect(inRequest).toEqual({ status: 403, body: { error: { code: "forbidden", message: "Only editors may verify a claim.", requestId: "req-42" } } });
    // Outside a request (the CLI, a timer) there is no id to name.
    expect(errorPayload(refused.error).body.error).not.toHaveProperty("requestId");
  });
});
