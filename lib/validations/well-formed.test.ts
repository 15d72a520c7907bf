import { describe, expect, it } from "vitest";
import { createTokenSchema } from "@/lib/tokens/tokens";
import { submitClaimSchema } from "./claims";
import { inviteUserSchema } from "./users";
import { isWellFormed, toWellFormed, wellFormedInput } from "@/lib/core/well-formed";

describe("toWellFormed", () => {
  it("replaces each lone surrogate, high or low, with U+FFFD and keeps everything else", () => {
    expect(toWellFormed("x \ud800 y")).toBe("x \ufffd y");
    expect(toWellFormed("\udc00\ud800")).toBe("\ufffd\ufffd");
    expect(toWellFormed("end \udbff")).toBe("end \ufffd");
    expect(toWellFormed("😀 \ud83d\ude00 ok")).toBe("😀 😀 ok");
    expect(toWellFormed("plain")).toBe("plain");
  });

  it("agrees with what UTF-8 can carry: the result survives an encode/decode round trip unchanged", () => {
    for (const text of ["a\ud800b", "\ude00", "\ud83d\ude00\ud83d", "é\u0000\uffff"]) {
      const fixed = toWellFormed(text);
      expect(isWellFormed(fixed)).toBe(true);
      expect(new TextDecoder().decode(new TextEncoder().encode(fixed))).toBe(fixed);
    }
  });
});

describe("wellFormedInput", () => {
  it("walks objects and arrays, keys included, and leaves other values alone", () => {
    expect(wellFormedInput({ "k\ud800": ["\udc00", 1, null, { deep: "a\ud800" }], n: 2, b: true })).toEqual({
      "k\ufffd": ["\ufffd", 1, null, { deep: "a\ufffd" }],
      n: 2,
      b: true,
    });
  });

  it("turns a validated claim submission well-formed without changing its lengths", () => {
    const parsed = submitClaimSchema.parse({ text: "Ten chars \ud800 long", note: "x \ud800 y", citations: [{ kind: "origin", url: "https://example.com", title: "T", quote: "q\udc00" }] });
    expect(wellFormedInput(parsed)).toMatchObject({ text: "Ten chars \ufffd long", note: "x \ufffd y", citations: [{ quote: "q\ufffd" }] });
  });
});

describe("schemas parsed outside parseInput", () => {
  it("make people's and tokens' names well-formed too (server actions do not pass readJsonBody)", () => {
    expect(inviteUserSchema.parse({ email: "a@example.com", name: "Ann \ud800", role: "editor" }).name).toBe("Ann \ufffd");
    expect(createTokenSchema.parse({ name: "CMS \udc00" }).name).toBe("CMS \ufffd");
  });
});
