import { and, asc, eq, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { tablesOf } from "@/db/tables";
import type { Role } from "@/lib/core/vocabulary";

/** A desk user as mentions and assignment pickers see them: no email, no account details. */
export interface DeskUser {
  id: number;
  name: string;
  role: Role;
}

export const USER_SEARCH_LIMIT = 20;

/**
 * Active desk users whose name contains `q` (case-insensitive; any word start or inside), by name;
 * every active user, by name, when `q` is blank.
 */
export async function searchUsers(db: DbExecutor, q = "", limit = USER_SEARCH_LIMIT): Promise<DeskUser[]> {
  const { users } = tablesOf(db);
  const needle = q.trim().toLowerCase();
  const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
  return await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.disabled, false), needle ? sql`lower(${users.name}) LIKE ${`%${escaped}%`} ESCAPE '\\'` : undefined))
    .orderBy(
      // Names that start with the text come first: "@el" offers Elena before Adele.
      ...(needle ? [sql`CASE WHEN lower(${users.name}) LIKE ${`${escaped}%`} ESCAPE '\\' THEN 0 ELSE 1 END`] : []),
      asc(users.name),
      asc(users.id),
    )
    .limit(limit);
}
