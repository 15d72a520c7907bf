import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { Role } from "@/lib/core/vocabulary";
import { parseInput } from "@/lib/core/parse";
import { fail, ok } from "@/lib/core/result";
import { startSession } from "@/lib/sessions/sessions";
import { createTestDb, createTestUser } from "@/lib/testing/db";

let db: Db;
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: () => db }));

// What Auth.js would decode from the session cookie.
const cookie = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionId: number; expires: string } }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => cookie.current }));

const effects = vi.hoisted(() => ({ applyEffects: vi.fn() }));
vi.mock("@/lib/events/effects", () => effects);
const cache = vi.hoisted(() => ({ revalidatePath: vi.fn() }));
vi.mock("next/cache", () => cache);

const { formAction, serverAction } = await import("./server-action");

async function signIn(role: Role) {
  const actor = createTestUser(db, role);
  const { session } = await startSession(db, { userId: actor.id });
  cookie.current = { user: { id: String(actor.id) }, sessionId: session.id, expires: "2099-01-01T00:00:00.000Z" };
  return actor;
}

const noteSchema = z.object({ note: z.string().trim().min(3, "Write at least 3 characters") });

beforeEach(() => {
  db = createTestDb();
  cookie.current = null;
  effects.applyEffects.mockClear();
  cache.revalidatePath.mockClear();
});
afterEach(() => db.$client.close());

describe("serverAction", () => {
  it("refuses a signed-out caller and a too-low role before the handler runs, and runs no effects", async () => {
    const handler = vi.fn(() => ok("done"));
    const action = serverAction({ role: "editor" }, handler);

    const signedOut = await action();
    expect(signedOut).toMatchObject({ ok: false, error: { code: "unauthorized" } });

    await signIn("reporter");
    const refused = await action();
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });

    expect(handler).not.toHaveBeenCalled();
    expect(effects.applyEffects).not.toHaveBeenCalled();
  });

  it("answers invalid input with the fields named, and runs no effects", async () => {
    await signIn("reporter");
    const action = serverAction({ role: "reporter", revalidate: ["/settings/account"] }, (_context, input: unknown) => parseInput(noteSchema, input));

    const result = await action({ note: " x " });

    expect(result).toEqual({ ok: false, error: { code: "invalid", message: "Some fields need attention", fields: { note: ["Write at least 3 characters"] } } });
    expect(effects.applyEffects).not.toHaveBeenCalled();
    expect(cache.revalidatePath).not.toHaveBeenCalled();
  });

  it("hands the handler the actor re-read from the database, runs effects once and shapes the value", async () => {
    const actor = await signIn("editor");
    const action = serverAction(
      { role: "reporter", output: (value: { id: number; secret: string }) => ({ id: value.id }), message: (value) => `Saved #${value.id}.`, revalidate: ["/admin/users"] },
      ({ actor: caller, session, db: given }, claimId: number) => {
        expect(given).toBe(db);
        expect(session.userId).toBe(caller.id);
        return ok({ id: claimId + caller.id, secret: "not for the client" });
      },
    );

    const result = await action(1);

    expect(result).toEqual({ ok: true, value: { id: 1 + actor.id }, message: `Saved #${1 + actor.id}.` });
    expect(effects.applyEffects).toHaveBeenCalledTimes(1);
    expect(effects.applyEffects).toHaveBeenCalledWith(db);
    expect(cache.revalidatePath).toHaveBeenCalledWith("/admin/users");
  });

  it("sees a role taken away since sign-in", async () => {
    const actor = await signIn("editor");
    db.$client.prepare("update users set role = 'reporter' where id = ?").run(actor.id);
    const result = await serverAction({ role: "editor" }, () => ok(null))();
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("adds what the stale explainer says to a refusal it recognises, and asks it nothing on success", async () => {
    await signIn("reporter");
    const stale = vi.fn((_context: unknown, error: { code: string }) =>
      error.code === "conflict" ? { seenVersion: 1, currentVersion: 2, state: "draft" as const, changes: [], retry: { allowed: true as const } } : null,
    );
    const action = serverAction<["conflict" | "invalid" | "ok"], null>({ role: "reporter", stale }, (_context, answer) =>
      answer === "ok" ? ok(null) : fail(answer, "refused"),
    );
    expect(await action("conflict")).toEqual({ ok: false, error: { code: "conflict", message: "refused" }, stale: expect.objectContaining({ currentVersion: 2 }) });
    expect(await action("invalid")).toEqual({ ok: false, error: { code: "invalid", message: "refused" } });
    stale.mockClear();
    expect((await action("ok")).ok).toBe(true);
    expect(stale).not.toHaveBeenCalled();
  });
});

describe("formAction", () => {
  it("parses the form's fields with the schema before the handler, ignoring the previous state", async () => {
    await signIn("reporter");
    const handler = vi.fn((_context: unknown, input: { note: string }) => ok(input.note));
    const action = formAction({ role: "reporter", schema: noteSchema, message: (note: string) => `Noted: ${note}` }, handler);

    const short = new FormData();
    short.set("note", "no");
    expect(await action(null, short)).toMatchObject({ ok: false, error: { code: "invalid", fields: { note: ["Write at least 3 characters"] } } });
    expect(handler).not.toHaveBeenCalled();

    const good = new FormData();
    good.set("note", "  fine  ");
    expect(await action({ ok: true, value: null }, good)).toEqual({ ok: true, value: null, message: "Noted: fine" });
    expect(effects.applyEffects).toHaveBeenCalledTimes(1);
  });
});
