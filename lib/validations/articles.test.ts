import { describe, expect, it } from "vitest";
import { createArticleSchema } from "./articles";

const article = (overrides: Record<string, unknown> = {}) => ({ title: "Budget", body: "The council approved a budget.", ...overrides });

describe("createArticleSchema", () => {
  it.each(["-1", "2018", "1", "06/06/2018", "June 6, 2018", "2024-02-31", "2018-13-01", "2018-06-06T25:00:00Z", "2018-06-06T10:00:00"])(
    "refuses publishedAt %j, which is not an ISO date",
    (publishedAt) => {
      const parsed = createArticleSchema.safeParse(article({ publishedAt }));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["publishedAt"]);
    },
  );

  it.each([
    ["2018-06-06", "2018-06-06"],
    ["2018-06-06T10:00:00Z", "2018-06-06T10:00:00Z"],
    ["2018-06-06T10:00:00.123+02:00", "2018-06-06T10:00:00.123+02:00"],
    ["", null],
    [null, null],
  ])("accepts publishedAt %j", (publishedAt, stored) => {
    expect(createArticleSchema.parse(article({ publishedAt })).publishedAt).toBe(stored);
  });

  it("makes every text well-formed: lone surrogates become U+FFFD", () => {
    expect(createArticleSchema.parse(article({ title: "T\ud800", body: "Body \udc00 text", publisher: "P\ud83d" }))).toMatchObject({
      title: "T\ufffd",
      body: "Body \ufffd text",
      publisher: "P\ufffd",
    });
  });
});
