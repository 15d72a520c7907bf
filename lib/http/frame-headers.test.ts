import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isEmbedPath, securityArea } from "./security-headers";

const require = createRequire(import.meta.url);
// The same matcher Next applies to next.config.js `headers()` sources.
const { getPathMatch } = require("next/dist/shared/lib/router/utils/path-match") as {
  getPathMatch: (source: string) => (pathname: string) => false | object;
};
const config = require(path.resolve(__dirname, "../../next.config.js")) as {
  headers: () => Promise<Array<{ source: string; headers: Array<{ key: string; value: string }> }>>;
};

/** The static headers next.config.js sends for a path, as Next would merge them (later rules win). */
async function staticHeaders(pathname: string): Promise<Record<string, string>> {
  const merged: Record<string, string> = {};
  for (const rule of await config.headers()) {
    if (getPathMatch(rule.source)(pathname)) for (const { key, value } of rule.headers) merged[key] = value;
  }
  return merged;
}

const EMBEDS = ["/summaries/what-we-checked/embed", "/summaries/what-we-checked/embed/claim/12"];
const NOT_EMBEDS = ["/", "/queue", "/claims/3", "/summaries", "/summaries/what-we-checked", "/summaries/embed", "/summaries/a/v/2", "/summaries/a/embedded", "/api/oembed", "/_next/static/chunks/main.js"];

describe("framing", () => {
  it("only the embed routes may be framed: no X-Frame-Options and frame-ancestors * there, DENY and 'none' everywhere else", async () => {
    for (const pathname of EMBEDS) {
      expect(isEmbedPath(pathname), pathname).toBe(true);
      expect(securityArea(pathname)).toBe("embed");
      const headers = await staticHeaders(pathname);
      expect(headers["x-frame-options"], pathname).toBeUndefined();
      expect(headers["content-security-policy"]).toContain("frame-ancestors *");
      expect(headers["x-content-type-options"]).toBe("nosniff");
    }
    for (const pathname of NOT_EMBEDS) {
      expect(isEmbedPath(pathname), pathname).toBe(false);
      const headers = await staticHeaders(pathname);
      expect(headers["x-frame-options"], pathname).toBe("DENY");
      expect(headers["content-security-policy"], pathname).toContain("frame-ancestors 'none'");
    }
  });

  it("the embed's page policy lets any site frame it and is otherwise the public one", () => {
    const embed = contentSecurityPolicy("embed");
    expect(embed).toContain("frame-ancestors *");
    expect(embed).not.toContain("frame-ancestors 'none'");
    expect(embed.replace("frame-ancestors *", "frame-ancestors 'none'")).toBe(contentSecurityPolicy("public"));
    for (const area of ["desk", "public", "api"] as const) {
      expect(contentSecurityPolicy(area, { nonce: "n0nce" })).toContain("frame-ancestors 'none'");
    }
  });
});
