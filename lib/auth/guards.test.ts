import { rmSync } from "node:fs";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// The guards read the process-wide database (getDb → DATABASE_URL): point it at a throwaway file.
const dir = await vi.hoisted(async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const p = await import("node:path");
  const tmp = fs.mkdtempSync(p.join(os.tmpdir(), "factdesk-guards-"));
  process.env.DATABASE_URL = p.join(tmp, "guards.db");
  return tmp;
});

// What Auth.js would decode from the session cookie: id and role as they were at sign-in.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; role: string }; sessionId?: number; expires: string } }));
vi.mock("./index", () => ({ auth: async () => session.current }));

// Next's redirect()/forbidden() throw special errors; stand-ins make the outcome visible.
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
  forbidden: () => {
    throw new Error("forbidden:403");
  },
}));

import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { type Role } from "@/lib/core/vocabulary";
import type { Actor } from "@/lib/core/actor";
import { endSessionBySecret, endUserSessions, SESSION_IDLE_MS, startSession } from "@/lib/sessions/sessions";
import { createTestUser } from "@/lib/testing/db";
import { changeRole, setDisabled } from "@/lib/users/users";
import { authorize, currentActor, currentSignIn, requireActionActor, requirePageActor } from "./guards";

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
let secret = "";
async function signedIn(role: Role, at = new Date()): Promise<Actor> {
  const actor = createTestUser(getDb(), role, `${role} ${++counter}`);
  const started = await startSession(getDb(), { userId: actor.id, userAgent: "vitest" }, at);
  secret = started.secret;
  session.current = { user: { id: String(actor.id), role }, sessionId: started.session.id, expires: "2100-01-01T00:00:00.000Z" };
  return actor;
}
const setRole = (actor: Actor, role: Role) => getDb().update(users).set({ role }).where(eq(users.id, actor.id)).run();
const disable = (actor: Actor) => getDb().update(users).set({ disabled: true }).where(eq(users.id, actor.id)).run();

beforeEach(() => {
  session.current = null;
});

describe("authorize", () => {
  it.each<[Role, Role, boolean]>([
    ["reporter", "reporter", true],
    ["reporter", "editor", false],
    ["reporter", "admin", false],
    ["editor", "reporter", true],
    ["editor", "editor", true],
    ["editor", "admin", false],
    ["admin", "reporter", true],
    ["admin", "editor", true],
    ["admin", "admin", true],
  ])("a %s asking for %s → %s", (has, needs, allowed) => {
    const actor = { id: 1, name: "A", email: "a@example.test", role: has };
    const result = authorize(actor, needs);
    expect(result.ok).toBe(allowed);
    if (result.ok) expect(result.value).toBe(actor);
    else expect(result.error).toMatchObject({ code: "forbidden", message: `This needs the ${needs} role; you are signed in as ${has}.` });
  });
});

describe("currentActor", () => {
  it("is null without a session or with a malformed id", async () => {
    expect(await currentActor()).toBeNull();
    session.current = { user: { id: "not-a-number", role: "admin" }, expires: "2100-01-01T00:00:00.000Z" };
    expect(await currentActor()).toBeNull();
  });

  it("is the user as the database has them", async () => {
    const actor = await signedIn("editor");
    expect(await currentActor()).toEqual(actor);
  });

  it("is null once the user is disabled, though the session still names them", async () => {
    const actor = await signedIn("admin");
    disable(actor);
    expect(await currentActor()).toBeNull();
  });

  it("has the role the database has now, not the role in the session", async () => {
    const actor = await signedIn("admin");
    setRole(actor, "reporter");
    expect(await currentActor()).toMatchObject({ id: actor.id, role: "reporter" });
  });

  it("is null once the server-side session is signed out, though the cookie still decodes", async () => {
    await signedIn("editor");
    expect(await currentActor()).not.toBeNull();
    await endSessionBySecret(getDb(), secret, "sign-out");
    expect(await currentActor()).toBeNull();
  });

  it("is null without a server-side session (a JWT from before sessions were kept)", async () => {
    const actor = await signedIn("editor");
    session.current = { user: { id: String(actor.id), role: "editor" }, expires: "2100-01-01T00:00:00.000Z" };
    expect(await currentActor()).toBeNull();
  });

  it("is null for a session of another user, or one that went idle or expired", async () => {
    const other = await signedIn("reporter");
    const otherSession = session.current?.sessionId;
    const actor = await signedIn("editor");
    session.current = { user: { id: String(actor.id), role: "editor" }, sessionId: otherSession, expires: "2100-01-01T00:00:00.000Z" };
    expect(await currentActor()).toBeNull();
    expect(other.id).not.toBe(actor.id);

    await signedIn("editor", new Date(Date.now() - SESSION_IDLE_MS - 1000));
    expect(await currentActor()).toBeNull();
    await signedIn("editor", new Date(Date.now() - 13 * 60 * 60 * 1000));
    expect(await currentActor()).toBeNull();
  });

  it("ends at once when an admin disables the user, changes their role, or ends their sessions", async () => {
    const admin = createTestUser(getDb(), "admin", `admin ${++counter}`);
    const disabledOne = await signedIn("editor");
    expect((await setDisabled(getDb(), admin, { userId: disabledOne.id, disabled: true })).ok).toBe(true);
    expect((await setDisabled(getDb(), admin, { userId: disabledOne.id, disabled: false })).ok).toBe(true);
    expect(await currentActor()).toBeNull();

    const promoted = await signedIn("reporter");
    expect((await changeRole(getDb(), admin, { userId: promoted.id, role: "editor" })).ok).toBe(true);
    expect(await currentSignIn()).toBeNull();

    const ended = await signedIn("reporter");
    await endUserSessions(getDb(), ended.id, "ended-by-admin");
    expect(await currentActor()).toBeNull();
  });

  it("is null for a session of a user who no longer exists", async () => {
    session.current = { user: { id: "999999", role: "admin" }, expires: "2100-01-01T00:00:00.000Z" };
    expect(await currentActor()).toBeNull();
  });
});

describe("requirePageActor", () => {
  it("sends signed-out visitors to the sign-in page", async () => {
    await expect(requirePageActor()).rejects.toThrow("redirect:/sign-in");
  });

  it("lets a user with the role through", async () => {
    const actor = await signedIn("editor");
    await expect(requirePageActor("editor")).resolves.toEqual(actor);
  });

  it("sends a disabled user to the sign-in page on the next request", async () => {
    disable(await signedIn("admin"));
    await expect(requirePageActor("reporter")).rejects.toThrow("redirect:/sign-in");
  });

  it("gives a demoted admin the 403 page for admin pages, though the session says admin", async () => {
    const actor = await signedIn("admin");
    await expect(requirePageActor("admin")).resolves.toMatchObject({ role: "admin" });
    setRole(actor, "editor");
    await expect(requirePageActor("admin")).rejects.toThrow("forbidden:403");
    await expect(requirePageActor("editor")).resolves.toMatchObject({ id: actor.id, role: "editor" });
  });

  it("lets a promoted reporter in at once", async () => {
    const actor = await signedIn("reporter");
    await expect(requirePageActor("editor")).rejects.toThrow("forbidden:403");
    setRole(actor, "editor");
    await expect(requirePageActor("editor")).resolves.toMatchObject({ role: "editor" });
  });
});

describe("requireActionActor", () => {
  it("refuses a signed-out caller as unauthorized", async () => {
    expect(await requireActionActor()).toMatchObject({ ok: false, error: { code: "unauthorized" } });
  });

  it("refuses a disabled user as unauthorized", async () => {
    disable(await signedIn("editor"));
    expect(await requireActionActor("reporter")).toMatchObject({ ok: false, error: { code: "unauthorized" } });
  });

  it("refuses a demoted editor as forbidden, naming the role they have now", async () => {
    const actor = await signedIn("editor");
    setRole(actor, "reporter");
    expect(await requireActionActor("editor")).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: "This needs the editor role; you are signed in as reporter." },
    });
  });

  it("returns the fresh actor when allowed", async () => {
    const actor = await signedIn("admin");
    expect(await requireActionActor("admin")).toEqual({ ok: true, value: actor });
  });
});
