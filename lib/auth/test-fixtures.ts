import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";

/**
 * Sign-in tests on a database their engine block shares: no attempts recorded yet, and the one
 * reporter `email` signs in as, made afresh with `passwordHash`.
 */
export async function freshSignIn(db: Db, email: string, passwordHash: string): Promise<void> {
  const { loginAttempts, users } = tablesOf(db);
  await db.delete(loginAttempts);
  await db.delete(users).where(eq(users.email, email));
  await db.insert(users).values({ email, name: "Rita", role: "reporter", passwordHash });
}
