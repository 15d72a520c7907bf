import { describe, expect, it } from "vitest";
import { changePhrase, changeSentence, timeAgo } from "./wording";

describe("timeAgo", () => {
  const now = new Date("2026-01-10T12:00:00Z");
  const ago = (seconds: number) => timeAgo(new Date(now.getTime() - seconds * 1000).toISOString(), now);
  it("says it in words, rounding as people do", () => {
    expect([ago(0), ago(44), ago(60), ago(120), ago(59 * 60), ago(3600), ago(5 * 3600), ago(30 * 3600), ago(5 * 86400)]).toEqual([
      "a moment ago",
      "a moment ago",
      "a minute ago",
      "2 minutes ago",
      "59 minutes ago",
      "an hour ago",
      "5 hours ago",
      "yesterday",
      "5 days ago",
    ]);
    // A clock a little ahead of the server's is still "a moment ago", not a negative time.
    expect(timeAgo("2026-01-10T12:00:05Z", now)).toBe("a moment ago");
  });
});

describe("changePhrase", () => {
  it("names what was done, and to whom for an assignment", () => {
    const names = new Map([[5, "Ana Ruiz"]]);
    expect(changePhrase({ kind: "claim.transitioned", action: "verify" })).toBe("verified this claim");
    expect(changePhrase({ kind: "claim.assigned", actorId: 1, assigneeId: 5 }, (id) => names.get(id) ?? null)).toBe("assigned this claim to Ana Ruiz");
    expect(changePhrase({ kind: "claim.cited", citationIds: [1, 2] })).toBe("added 2 citations to this claim");
    expect(changePhrase({ kind: "comment.added" })).toBe("commented on this claim");
    expect(changeSentence("Elena Marsh", "verified this claim", new Date().toISOString())).toBe("Elena Marsh verified this claim a moment ago");
  });
});
