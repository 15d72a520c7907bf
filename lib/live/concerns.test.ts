import { describe, expect, it } from "vitest";
import { pageShows } from "./concerns";

describe("pageShows", () => {
  const verified = { kind: "claim.transitioned", claimId: 7, articleId: 3 };
  const comment = { kind: "comment.added", claimId: 7, articleId: 3 };

  it("a claim page: its own claim's changes and comments, no other claim", () => {
    expect(pageShows("/claims/7", verified)).toBe(true);
    expect(pageShows("/claims/7", comment)).toBe(true);
    expect(pageShows("/claims/70", verified)).toBe(false);
    expect(pageShows("/claims/8", verified)).toBe(false);
  });

  it("My work and the queue: any claim's change, not comments", () => {
    for (const page of ["/", "/queue", "/queue/whatever"]) {
      expect(pageShows(page, verified)).toBe(true);
      expect(pageShows(page, comment)).toBe(false);
    }
  });

  it("an article page: its article's claims; the article list: new articles", () => {
    expect(pageShows("/articles/3", verified)).toBe(true);
    expect(pageShows("/articles/4", verified)).toBe(false);
    expect(pageShows("/articles", { kind: "article.added", articleId: 9 })).toBe(true);
    expect(pageShows("/settings/tokens", verified)).toBe(false);
  });
});
