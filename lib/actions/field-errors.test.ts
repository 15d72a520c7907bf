import { describe, expect, it, vi } from "vitest";
import type { AppError } from "@/lib/core/result";
import { applyServerErrors, serverErrorMessage } from "./field-errors";

const refusal: AppError = {
  code: "invalid",
  message: "Some fields need attention",
  fields: { note: ["Too short", "Say why"], "citations.0.quote": ["Quote the passage"], expectedVersion: ["Reload"], _: ["Whole form"] },
};

describe("applyServerErrors", () => {
  it("sets each shown field's messages (by first path segment) and returns the rest", () => {
    const setError = vi.fn();
    const unshown = applyServerErrors(setError, refusal, ["note", "citations"]);
    expect(setError.mock.calls).toEqual([
      ["note", { type: "server", message: "Too short Say why" }],
      ["citations.0.quote", { type: "server", message: "Quote the passage" }],
    ]);
    expect(unshown).toEqual(["Reload", "Whole form"]);
  });

  it("takes a test instead of names, and never sets the form-level '_' key", () => {
    const setError = vi.fn();
    const unshown = applyServerErrors(setError, refusal, () => true);
    expect(setError.mock.calls.map(([path]) => path)).toEqual(["note", "citations.0.quote", "expectedVersion"]);
    expect(unshown).toEqual(["Whole form"]);
  });

  it("does nothing for a refusal without fields", () => {
    const setError = vi.fn();
    expect(applyServerErrors(setError, { code: "forbidden", message: "No" }, ["note"])).toEqual([]);
    expect(setError).not.toHaveBeenCalled();
  });
});

describe("serverErrorMessage", () => {
  it("is the refusal's message followed by what no field shows", () => {
    expect(serverErrorMessage(vi.fn(), refusal, ["note", "citations"])).toBe("Some fields need attention Reload Whole form");
  });
});
