import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { createTestDb, createTestUser } from "@/lib/testing/db";
import { changeRole, createUser, listUsers, setDisabled } from "./users";

let db: Db;
let admin: Actor;

beforeEach(() => {
  db = createTestDb();
  admin = createTestUser(db, "admin", "Ada Admin");
});

describe("user administration", () => {
  it("creates users with a hashed password that is never returned", async () => {
    const result = await createUser(db, admin, { email: " New@Example.test ", name: "New", role: "editor", password: "long-enough" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.email).toBe("new@example.test");
    expect(result.value).not.toHaveProperty("passwordHash");
  });

  it("refuses duplicates, bad input and non-admins, writing nothing", async () => {
    const before = listUsers(db).length;
    expect(await createUser(db, admin, { email: admin.email, name: "Dup", role: "editor", password: "long-enough" })).toMatchObject({
      ok: false,
      error: { code: "conflict", fields: { email: ["This email is already in use."] } },
    });
    const bad = await createUser(db, admin, { email: "not-an-email", name: "", role: "boss", password: "short" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.error.fields ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
    const editor = createTestUser(db, "editor");
    expect(await createUser(db, editor, { email: "x@example.test", name: "X", role: "admin", password: "long-enough" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(listUsers(db).length).toBe(before + 1);
  });

  it("never disables or demotes the last active admin", () => {
    expect(setDisabled(db, admin, { userId: admin.id, disabled: true })).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(changeRole(db, admin, { userId: admin.id, role: "editor" })).toMatchObject({ ok: false, error: { code: "conflict" } });
    const second = createTestUser(db, "admin", "Second Admin");
    expect(setDisabled(db, admin, { userId: second.id, disabled: true }).ok).toBe(true);
    expect(setDisabled(db, admin, { userId: admin.id, disabled: true })).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(setDisabled(db, admin, { userId: second.id, disabled: false }).ok).toBe(true);
    expect(changeRole(db, admin, { userId: admin.id, role: "editor" }).ok).toBe(true);
  });

  it("lets only admins change roles or disable accounts", () => {
    const editor = createTestUser(db, "editor");
    const reporter = createTestUser(db, "reporter");
    expect(changeRole(db, editor, { userId: reporter.id, role: "admin" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(setDisabled(db, editor, { userId: reporter.id, disabled: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(setDisabled(db, admin, { userId: 9999, disabled: true })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
