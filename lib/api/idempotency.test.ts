import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { and, eq } from "drizzle-orm";
import { tablesOf } from "@/db/tables";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { claimIdempotencyKey, completeIdempotencyKey, currentKeyOwner, IDEMPOTENCY_ABANDONED_MS, isKeyOwnerGone, type KeyOwner } from "./idempotency";

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid!;
}

const self = currentKeyOwner();
/** The same host after a crash and restart: a new process start. */
const restarted = (overrides: Partial<KeyOwner> = {}): KeyOwner => ({ ...self, pid: deadPid() + 1_000_000, boot: randomUUID(), ...overrides });

describe("isKeyOwnerGone", () => {
  it("is true only when the reserving process has certainly ended", () => {
    const stored = (owner: KeyOwner) => JSON.stringify(owner);
    expect(isKeyOwnerGone(stored({ ...self, pid: deadPid(), boot: "crashed" }))).toBe(true);
    // This process took over the dead one's pid (a container's pid 1 after a restart).
    expect(isKeyOwnerGone(stored({ ...self, boot: "crashed" }))).toBe(true);
    expect(isKeyOwnerGone(stored(self))).toBe(false);
    expect(isKeyOwnerGone(stored({ ...self, pid: process.ppid, boot: "another server" }))).toBe(false);
    expect(isKeyOwnerGone(stored({ ...self, host: "elsewhere", pid: deadPid(), boot: "x" }))).toBe(false);
    expect(isKeyOwnerGone(null)).toBe(false);
    expect(isKeyOwnerGone("not json")).toBe(false);
  });
});

onEveryEngine("claimIdempotencyKey after a crash", (database) => {
  // The engine's database is shared by the block: each test's keys belong to a user of its own.
  let db: Db;
  let userId: number;
  beforeEach(async () => {
    db = database();
    userId = (await createUserOn(db, "reporter", "Rita Reporter")).id;
  });

  it("lets a retry take over at once when the process that reserved the key is gone", async () => {
    const crashed: KeyOwner = { ...self, pid: deadPid(), boot: "crashed" };
    expect((await claimIdempotencyKey(db, userId, "k", "h", new Date(), crashed)).kind).toBe("new");
    const retry = await claimIdempotencyKey(db, userId, "k", "h", new Date(), restarted());
    expect(retry.kind).toBe("new");
    const { idempotencyKeys } = tablesOf(db);
    const [row] = await db.select({ owner: idempotencyKeys.owner }).from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, "k")));
    expect(row?.owner).not.toContain("crashed");
  });

  it("answers in progress while the reserving process lives, until the 5-minute fallback", async () => {
    const first = await claimIdempotencyKey(db, userId, "k", "h");
    expect(first.kind).toBe("new");
    expect((await claimIdempotencyKey(db, userId, "k", "h")).kind).toBe("in_progress");
    const otherServer: KeyOwner = { ...self, pid: process.ppid, boot: randomUUID() };
    expect((await claimIdempotencyKey(db, userId, "k", "h", new Date(), otherServer)).kind).toBe("in_progress");
    const later = new Date(Date.now() + IDEMPOTENCY_ABANDONED_MS + 1000);
    expect((await claimIdempotencyKey(db, userId, "k", "h", later, otherServer)).kind).toBe("new");
  });

  it("falls back to the 5-minute rule for reservations made before owners were recorded", async () => {
    await db.insert(tablesOf(db).idempotencyKeys).values({ userId, key: "old", requestHash: "h", status: 0, body: "", createdAt: new Date().toISOString(), owner: null });
    expect((await claimIdempotencyKey(db, userId, "old", "h", new Date(), restarted())).kind).toBe("in_progress");
    expect((await claimIdempotencyKey(db, userId, "old", "h", new Date(Date.now() + IDEMPOTENCY_ABANDONED_MS + 1000), restarted())).kind).toBe("new");
  });

  it("replays a finished answer whoever reserved it", async () => {
    const crashed: KeyOwner = { ...self, pid: deadPid(), boot: "crashed" };
    const first = await claimIdempotencyKey(db, userId, "k", "h", new Date(), crashed);
    if (first.kind !== "new") throw new Error("expected a new reservation");
    await completeIdempotencyKey(db, first.id, 201, '{"id":1}');
    expect(await claimIdempotencyKey(db, userId, "k", "h", new Date(), restarted())).toEqual({ kind: "replay", status: 201, body: '{"id":1}' });
  });
});
