import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { transact } from "@/lib/core/transaction";
import { DEMO_ARTICLES, DEMO_PASSWORD, DEMO_USERS } from "./seed-data";
import { createArticle } from "@/lib/articles/articles";
import type { Actor } from "@/lib/core/actor";
import { createUser } from "@/lib/users/users";
import { must, seedDemoClaims } from "./seed-claims";
import { withDemoClock } from "./clock";
import { seedDemoComments } from "./seed-comments";
import { seedFactchecks } from "./seed-factchecks";

export async function isEmpty(db: Db): Promise<boolean> {
  const { users } = tablesOf(db);
  const row = await firstRow(db.select({ n: count() }).from(users));
  return (row?.n ?? 0) === 0;
}

/** Fills an empty desk with demo people, the five articles of the story, and claims at every stage. */
export async function seedDemo(db: Db): Promise<{ email: string; name: string; role: string; password: string }[]> {
  // All or nothing: a seed that failed half-way would leave users behind, and a desk with users is
  // never seeded again. The domain functions' own transactions nest inside this one as savepoints.
  const seeded = await transact(db, (tx) => seedDemoRows(tx));
  if (!seeded.ok) throw new Error(`The demo seed was refused: ${seeded.error.message}`);
  return seeded.value;
}

async function seedDemoRows(db: Db): Promise<{ email: string; name: string; role: string; password: string }[]> {
  const people: Record<string, Actor> = {};
  for (const user of DEMO_USERS) {
    const created = must(await createUser(db, null, { ...user, password: DEMO_PASSWORD }), `user ${user.email}`);
    people[user.email] = { id: created.id, name: created.name, email: created.email, role: created.role };
  }
  const reporter = people["reporter@factdesk.test"];
  const articleIds: Record<string, number> = {};
  for (const { key, ...article } of DEMO_ARTICLES) {
    articleIds[key] = must(await createArticle(db, reporter, article), `article ${key}`).id;
  }
  const cast = { reporter, editor: people["editor@factdesk.test"], editor2: people["editor2@factdesk.test"] };
  // The claims' history is spread over the past weeks (lib/demo/clock.ts), so the dashboard has figures from the start.
  await withDemoClock(async (at) => {
    await seedDemoClaims(db, { ...cast, articleIds }, at);
    await seedDemoComments(db, cast, at);
  });
  await seedFactchecks(db);
  return DEMO_USERS.map((user) => ({ ...user, password: DEMO_PASSWORD }));
}
