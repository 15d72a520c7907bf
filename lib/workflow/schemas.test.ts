import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsFrom } from "@/lib/core/result";
import {
  addCitationsSchema,
  assignClaimSchema,
  citationInputSchema,
  claimFiltersSchema,
  editClaimSchema,
  parseClaimListQuery,
  submitClaimSchema,
  transitionSchema,
} from "@/lib/validations/claims";
import { citation } from "./test-fixtures";

function errorsOf(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  expect(parsed.success).toBe(false);
  return fieldErrorsFrom(parsed.error!.issues);
}

describe("citationInputSchema", () => {
  it("accepts a minimal web citation and a document-only one", () => {
    expect(citationInputSchema.safeParse(citation()).success).toBe(true);
    expect(citationInputSchema.safeParse(citation({ url: undefined, documentRef: "Court docket 96-CR-123" })).success).toBe(true);
  });

  it.each(["javascript:alert(1)", "ftp://example.com/file", "data:text/html,hi", "/relative/path", "example.com", "mailto:a@b.c"])(
    "refuses the address %s with a clear message",
    (url) => {
      expect(errorsOf(citationInputSchema, citation({ url }))).toEqual({ url: ["Enter a web address starting with http:// or https://"] });
    },
  );

  it("needs a URL or a document reference", () => {
    expect(errorsOf(citationInputSchema, citation({ url: "" }))).toEqual({ url: ["Give a web address or a document reference"] });
    expect(errorsOf(citationInputSchema, citation({ url: null, documentRef: "  " }))).toHaveProperty("url");
  });

  it("needs a title, a non-blank quote and a known kind", () => {
    const fields = errorsOf(citationInputSchema, citation({ title: " ", quote: "   ", kind: "rumour" as never }));
    expect(Object.keys(fields).sort()).toEqual(["kind", "quote", "title"]);
  });

  it("takes offsets both or neither, start before end", () => {
    expect(errorsOf(citationInputSchema, citation({ quoteStart: 3 }))).toEqual({ quoteEnd: ["Give both the start and the end of the quote, or neither"] });
    expect(errorsOf(citationInputSchema, citation({ quoteEnd: 3 }))).toHaveProperty("quoteStart");
    expect(errorsOf(citationInputSchema, citation({ quoteStart: 5, quoteEnd: 5 }))).toEqual({ quoteEnd: ["The quote must end after it starts"] });
    expect(errorsOf(citationInputSchema, citation({ quoteStart: -1, quoteEnd: 5 }))).toHaveProperty("quoteStart");
    expect(citationInputSchema.safeParse(citation({ quoteStart: 0, quoteEnd: 5 })).success).toBe(true);
  });

  it("accepts ISO dates and datetimes only", () => {
    for (const ok of ["2024-05-01", "2024-05-01T09:30:00Z", "2024-05-01T09:30:00.123+02:00"]) {
      expect(citationInputSchema.safeParse(citation({ accessedAt: ok })).success, ok).toBe(true);
    }
    for (const bad of ["yesterday", "2024-02-31", "05/01/2024", "2024-05-01T25:00:00Z"]) {
      expect(citationInputSchema.safeParse(citation({ accessedAt: bad })).success, bad).toBe(false);
    }
  });
});

describe("submitClaimSchema", () => {
  const valid = { text: "A claim of reasonable length.", citations: [citation({ kind: "origin" })] };

  it("trims and bounds the text", () => {
    expect(submitClaimSchema.parse({ ...valid, text: "   twelve chars   " }).text).toBe("twelve chars");
    expect(errorsOf(submitClaimSchema, { ...valid, text: "   short   " })).toEqual({ text: ["A claim needs at least 10 characters"] });
    expect(errorsOf(submitClaimSchema, { ...valid, text: "x".repeat(1001) })).toHaveProperty("text");
  });

  it("needs at least one citation, one of them the origin", () => {
    expect(errorsOf(submitClaimSchema, { ...valid, citations: [] })).toHaveProperty("citations");
    expect(errorsOf(submitClaimSchema, { ...valid, citations: [citation({ kind: "supports" })] })).toEqual({
      citations: ["Include the origin citation: where the claim was made"],
    });
  });

  it("keys nested errors by path", () => {
    expect(errorsOf(submitClaimSchema, { ...valid, citations: [citation({ kind: "origin", url: "javascript:x" })] })).toHaveProperty(["citations.0.url"]);
  });
});

describe("transitionSchema", () => {
  const base = { action: "review", note: "Checked against the court record", citationIds: [1], expectedVersion: 1 };

  it("needs a note, with a return-specific message", () => {
    expect(errorsOf(transitionSchema, { ...base, note: "  " })).toEqual({ note: ["Write a note for this sign-off"] });
    expect(errorsOf(transitionSchema, { ...base, action: "return", note: "" })).toEqual({ note: ["Give the reason for returning this claim"] });
  });

  it("needs at least one citation, new or existing", () => {
    expect(errorsOf(transitionSchema, { ...base, citationIds: [] })).toHaveProperty("citations");
    expect(transitionSchema.safeParse({ ...base, citationIds: undefined, citations: [citation()] }).success).toBe(true);
  });

  it("needs a verdict to verify and refuses one elsewhere", () => {
    expect(errorsOf(transitionSchema, { ...base, action: "verify" })).toEqual({ verdict: ["Verifying a claim needs a verdict"] });
    expect(errorsOf(transitionSchema, { ...base, action: "verify", verdict: "probably" })).toHaveProperty("verdict");
    expect(errorsOf(transitionSchema, { ...base, verdict: "true" })).toHaveProperty("verdict");
    expect(transitionSchema.safeParse({ ...base, action: "verify", verdict: "mostly-true" }).success).toBe(true);
  });

  it("needs an expected version and a known action", () => {
    expect(errorsOf(transitionSchema, { ...base, expectedVersion: undefined })).toHaveProperty("expectedVersion");
    expect(errorsOf(transitionSchema, { ...base, action: "publish" })).toHaveProperty("action");
  });
});

describe("other schemas", () => {
  it("bound citations per request to 1..20", () => {
    expect(addCitationsSchema.safeParse({ citations: [], expectedVersion: 1 }).success).toBe(false);
    expect(addCitationsSchema.safeParse({ citations: Array(21).fill(citation()), expectedVersion: 1 }).success).toBe(false);
    expect(addCitationsSchema.safeParse({ citations: Array(20).fill(citation()), expectedVersion: 1 }).success).toBe(true);
  });

  it("take null to unassign", () => {
    expect(assignClaimSchema.safeParse({ assigneeId: null, expectedVersion: 2 }).success).toBe(true);
    expect(assignClaimSchema.safeParse({ expectedVersion: 2 }).success).toBe(false);
  });

  it("read list filters from URL params, dropping blanks and coercing numbers", () => {
    const parsed = parseClaimListQuery(new URLSearchParams("state=draft&articleId=4&assigneeId=none&q=&limit=10"));
    expect(parsed.ok && parsed.value).toEqual({ state: "draft", articleId: 4, assigneeId: "none", limit: 10 });
    expect(parseClaimListQuery({ limit: "500" }).ok).toBe(false);
    expect(parseClaimListQuery({ state: "published" }).ok).toBe(false);
  });

  it("can all be turned into JSON Schema for the OpenAPI document", () => {
    for (const schema of [citationInputSchema, submitClaimSchema, transitionSchema, editClaimSchema, addCitationsSchema, assignClaimSchema, claimFiltersSchema]) {
      const json = z.toJSONSchema(schema) as { type?: string; properties?: Record<string, unknown> };
      expect(json.type).toBe("object");
      expect(json.properties).toBeDefined();
    }
  });
});
