import { describe, expect, it } from "vitest";
import { hasRole } from "@/lib/core/actor";
import { navigationFor } from "./navigation";

describe("role guards", () => {
  it("nests roles: admin ⊃ editor ⊃ reporter", () => {
    expect(hasRole({ role: "reporter" }, "reporter")).toBe(true);
    expect(hasRole({ role: "reporter" }, "editor")).toBe(false);
    expect(hasRole({ role: "reporter" }, "admin")).toBe(false);
    expect(hasRole({ role: "editor" }, "reporter")).toBe(true);
    expect(hasRole({ role: "editor" }, "admin")).toBe(false);
    expect(hasRole({ role: "admin" }, "editor")).toBe(true);
  });

  it("shows each role the navigation that fits it", () => {
    const labels = (role: "reporter" | "editor" | "admin") => navigationFor(role).map((item) => item.label);
    expect(labels("reporter")).toEqual(["My work", "Queue", "Dashboard", "Inbox", "Articles", "New claim", "Public summaries", "API tokens", "Account"]);
    expect(labels("editor")).toEqual(["My work", "Queue", "Dashboard", "Inbox", "Articles", "Fact-checks", "New claim", "Public summaries", "API tokens", "Account"]);
    expect(labels("admin")).toEqual(["My work", "Queue", "Dashboard", "Inbox", "Articles", "Fact-checks", "New claim", "Public summaries", "API tokens", "Account", "Users", "Webhooks", "Deadlines", "System"]);
  });
});
