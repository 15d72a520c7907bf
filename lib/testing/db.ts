import { hashSync } from "@node-rs/argon2";
import { openDatabase, type Db } from "@/db/client";
import { users } from "@/db/schema";
import { type Role } from "@/lib/core/vocabulary";
import type { Actor } from "@/lib/core/actor";

/** A fresh in-memory database with every migration applied. */
export function createTestDb(): Db {
  return openDatabase(":memory:");
}

// Cheap parameters: tests need a valid argon2id hash, not a strong one.
const TEST_HASH = hashSync("password123", { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 });

export function createTestUser(db: Db, role: Role, name = `${role}-${Math.random().toString(36).slice(2, 8)}`): Actor {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@example.test`;
  const row = db
    .insert(users)
    .values({ email, name, role, passwordHash: TEST_HASH })
    .returning()
    .get();
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}
