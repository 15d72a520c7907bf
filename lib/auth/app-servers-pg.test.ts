/**
 * Requests for one user that land on different app servers (#17 item 2): two servers are two pools,
 * each its own drizzle database, on one PostgreSQL database, as two app processes behind a load
 * balancer would be. Sessions, the sign-in throttle and idempotency keys live in the database, so
 * what one server did is what the other sees, and racing requests through both have one winner.
 *
 * Real server only (PGlite is one connection, SQLite one process): skipped when FACTDESK_TEST_PG_URL is unset.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { openPostgres, type PgDb } from "@/db/client-pg";
import { tablesOf } from "@/db/tables";
import { claimIdempotencyKey, completeIdempotencyKey, currentKeyOwner, type KeyOwner } from "@/lib/api/idempotency";
import { endSessionBySecret, endUserSessions, startSession, validateSession } from "@/lib/sessions/sessions";
import { createUserOn } from "@/lib/testing/engines";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { actorForToken, createToken, revokeToken } from "@/lib/tokens/tokens";
import { changeRole, createUser, inviteUser, setDisabled } from "@/lib/users/users";
import { authenticate } from "./credentials";
import { THROTTLE } from "./lockout";
import { hashPassword } from "./password";

if (!TEST_PG_URL) console.warn("lib/auth/app-servers-pg.test.ts: skipped: FACTDESK_TEST_PG_URL is not set (run it under scripts/pg-cluster.sh run …)");

describe.skipIf(!TEST_PG_URL)("one user's requests on two app servers (PostgreSQL)", () => {
  let scratch: ScratchDatabase;
  let pools: PgDb[] = [];
  /** Server A and server B: separate pools, separate drizzle databases, one PostgreSQL database. */
  let a: Db;
  let b: Db;

  beforeAll(async () => {
    scratch = await scratchDatabase("factdesk_servers");
    const first = await openPostgres(scratch.url, { max: 6 });
    const second = await openPostgres(scratch.url, { max: 6, migrate: false });
    pools = [first, second];
    a = first as unknown as Db;
    b = second as unknown as Db;
  }, 120_000);
  afterAll(async () => {
    for (const pool of pools) await pool.$client.end();
    await scratch?.drop();
  });

  /** A user whose password is known, made on server A. */
  async function userWithPassword(password: string) {
    const user = await createUserOn(a, "reporter");
    const { users } = tablesOf(a);
    await a.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, user.id));
    return user;
  }

  it("a session started on one server signs in on the other, and once ended on either is refused on both", async () => {
    const user = await createUserOn(a, "editor");
    const signedIn = await startSession(a, { userId: user.id });
    expect(await validateSession(b, signedIn.secret)).toMatchObject({ id: signedIn.session.id, userId: user.id });
    await endSessionBySecret(b, signedIn.secret, "sign-out");
    expect(await validateSession(a, signedIn.secret)).toBeNull();
    expect(await validateSession(b, signedIn.secret)).toBeNull();

    // "Sign out everywhere" (a disable, a role change) on server A ends the sessions server B serves.
    const laptop = await startSession(b, { userId: user.id });
    const phone = await startSession(b, { userId: user.id });
    expect(await endUserSessions(a, user.id, "ended-by-admin")).toBe(2);
    expect(await validateSession(b, laptop.secret)).toBeNull();
    expect(await validateSession(b, phone.secret)).toBeNull();
  });

  it("an API token revoked on one server is refused on the other at the next request", async () => {
    const user = await createUserOn(a, "reporter");
    const created = await createToken(a, user.id, { name: "CMS" });
    if (!created.ok) throw new Error(created.error.message);
    expect(await actorForToken(b, created.value.token)).toMatchObject({ id: user.id });
    expect((await revokeToken(b, user, created.value.summary.id)).ok).toBe(true);
    expect(await actorForToken(a, created.value.token)).toBeNull();
  });

  it("the throttle counts failed sign-ins made through both servers together", async () => {
    const user = await userWithPassword("right-password");
    const address = "203.0.113.50";
    const now = new Date();
    // Five free failures, alternating servers: the sixth attempt owes a delay, on either server.
    for (let i = 0; i < THROTTLE.freeFailuresPerEmailAndAddress; i++) {
      const server = i % 2 === 0 ? a : b;
      expect(await authenticate(server, user.email, `guess-${i}`, { clientAddress: address, now })).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    }
    for (const server of [a, b]) {
      expect(await authenticate(server, user.email, "right-password", { clientAddress: address, now })).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    }
  });

  it("a burst of parallel guesses split over both servers gets no more guesses checked than the rules allow", async () => {
    const user = await userWithPassword("right-password");
    const address = "203.0.113.51";
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => authenticate(i % 2 === 0 ? a : b, user.email, `wrong-${i}`, { clientAddress: address, now })),
    );
    const codes = results.map((result) => (result.ok ? "ok" : result.error.code));
    expect(codes.filter((code) => code === "unauthorized")).toHaveLength(THROTTLE.freeFailuresPerEmailAndAddress);
    expect(codes.filter((code) => code === "rate_limited")).toHaveLength(12 - THROTTLE.freeFailuresPerEmailAndAddress);
    const { loginAttempts } = tablesOf(a);
    expect(await b.select().from(loginAttempts).where(eq(loginAttempts.email, user.email))).toHaveLength(THROTTLE.freeFailuresPerEmailAndAddress);
  });

  it("an idempotency key reserved on one server is in flight on the other, then replayed there", async () => {
    const user = await createUserOn(a, "reporter");
    // Two live processes: server B is not the owner, and the owner is not gone.
    const serverA: KeyOwner = currentKeyOwner();
    const serverB: KeyOwner = { ...serverA, pid: process.ppid, boot: "server-b" };
    const first = await claimIdempotencyKey(a, user.id, "retry-1", "h", new Date(), serverA);
    if (first.kind !== "new") throw new Error(`expected a new reservation, got ${first.kind}`);
    expect(await claimIdempotencyKey(b, user.id, "retry-1", "h", new Date(), serverB)).toEqual({ kind: "in_progress" });
    expect(await claimIdempotencyKey(b, user.id, "retry-1", "other body", new Date(), serverB)).toEqual({ kind: "mismatch" });
    await completeIdempotencyKey(a, first.id, 201, '{"id":7}');
    expect(await claimIdempotencyKey(b, user.id, "retry-1", "h", new Date(), serverB)).toEqual({ kind: "replay", status: 201, body: '{"id":7}' });
  });

  it("concurrent reservations of one key through both servers have exactly one winner", async () => {
    for (let round = 0; round < 5; round++) {
      const user = await createUserOn(a, "reporter");
      const owners: KeyOwner[] = [currentKeyOwner(), { ...currentKeyOwner(), pid: process.ppid, boot: "server-b" }];
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => claimIdempotencyKey(i % 2 === 0 ? a : b, user.id, "same-key", "h", new Date(), owners[i % 2])),
      );
      expect(claims.filter((claim) => claim.kind === "new")).toHaveLength(1);
      expect(claims.filter((claim) => claim.kind === "in_progress")).toHaveLength(7);
      const { idempotencyKeys } = tablesOf(a);
      expect(await a.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, user.id))).toHaveLength(1);
    }
  });

  it("an abandoned reservation taken over through both servers at once is taken by one", async () => {
    const user = await createUserOn(a, "reporter");
    const crashed: KeyOwner = { ...currentKeyOwner(), pid: 2 ** 22 + 12345, boot: "crashed" };
    const start = new Date(Date.now() - 10 * 60 * 1000);
    expect((await claimIdempotencyKey(a, user.id, "k", "h", start, crashed)).kind).toBe("new");
    // Ten minutes on, the reservation is past the five-minute fallback: every retry may take it over, one does.
    const owners: KeyOwner[] = [currentKeyOwner(), { ...currentKeyOwner(), pid: process.ppid, boot: "server-b" }];
    const now = new Date();
    const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => claimIdempotencyKey(i % 2 === 0 ? a : b, user.id, "k", "h", now, owners[i % 2])));
    expect(claims.filter((claim) => claim.kind === "new")).toHaveLength(1);
  });

  it("two admins removing each other through both servers at once leave one admin", async () => {
    const { users } = tablesOf(a);
    for (let round = 0; round < 4; round++) {
      await a.update(users).set({ disabled: true }).where(eq(users.role, "admin"));
      const ada = await createUserOn(a, "admin");
      const ben = await createUserOn(a, "admin");
      const [first, second] = await Promise.all(
        round % 2 === 0
          ? [setDisabled(a, ada, { userId: ben.id, disabled: true }), setDisabled(b, ben, { userId: ada.id, disabled: true })]
          : [changeRole(a, ada, { userId: ben.id, role: "editor" }), changeRole(b, ben, { userId: ada.id, role: "editor" })],
      );
      expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
      const loser = first.ok ? second : first;
      expect(loser).toMatchObject({ ok: false, error: { code: "conflict" } });
      expect(await b.select().from(users).where(and(eq(users.role, "admin"), eq(users.disabled, false)))).toHaveLength(1);
    }
  });

  it("the same email invited or created through both servers at once makes one account; the other is a conflict", async () => {
    const admin = await createUserOn(a, "admin");
    const invites = await Promise.all([a, b, a, b].map((server) => inviteUser(server, admin, { email: "twice@example.test", name: "Twice", role: "reporter" })));
    expect(invites.filter((result) => result.ok)).toHaveLength(1);
    for (const refused of invites.filter((result) => !result.ok)) expect(refused).toMatchObject({ ok: false, error: { code: "conflict" } });
    const created = await Promise.all(
      [a, b].map((server) => createUser(server, admin, { email: "made-twice@example.test", name: "Made", role: "editor", password: "long-enough-pass" })),
    );
    expect(created.map((result) => (result.ok ? "ok" : result.error.code)).sort()).toEqual(["conflict", "ok"]);
  });
});
