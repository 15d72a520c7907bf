import { and, asc, desc, eq, inArray, sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias as pgAlias } from "drizzle-orm/pg-core";
import { alias } from "drizzle-orm/sqlite-core";
import type { Citation, Claim } from "@/db/schema";
import type { ClaimState } from "@/lib/core/vocabulary";
import { preparedPerConnection, type DbExecutor } from "@/db/client"; // sqlite-branch
import { engineOf, firstRow, tablesOf, type Engine, type Tables } from "@/db/tables";

/*
 * The claim workflow's reads and writes, once for both engines (#17, item 1). Each query is built by
 * one function below from the engine's own tables; what runs it differs:
 *
 * - SQLite: the write path's statements are prepared once per connection instead of rebuilt and
 *   re-prepared on every call (a profile of submit + review showed two thirds of the time in drizzle
 *   building SQL and SQLite preparing it again, against a fraction in the statements themselves). A
 *   connection and the transactions opened on it share one drizzle session, and better-sqlite3 runs
 *   everything on that one connection, so a statement prepared from the database object runs inside
 *   whichever transaction is open, exactly like a query built on the transaction object. Lists pass
 *   their ids as one JSON array parameter (json_each), so one statement serves any page size.
 * - PostgreSQL: the same builders with the values in place, awaited; lists pass their ids with
 *   `= ANY`-style inArray. The claim a mutation changes is read FOR UPDATE (claimForChange), so the
 *   loser of a race waits for the winner's commit and then sees its version, as under SQLite's lock.
 *
 * Every accessor is async; on SQLite it answers from the prepared statement in the same tick.
 */

const p = sql.placeholder;
/** A value, or (on SQLite's prepared side) the placeholder standing for it. */
type P<T> = T | Placeholder;
/** The condition "column is one of the ids": json_each over one parameter on SQLite, inArray on PostgreSQL. */
type IdsIn = (column: SQLWrapper) => SQL;

type UsersAs<Name extends string> = ReturnType<typeof alias<Tables["users"], Name>>;
interface Aliases {
  assignee: UsersAs<"assignee">;
  assigner: UsersAs<"assigner">;
}

const aliasesByEngine: Partial<Record<Engine, Aliases>> = {};

/** The users table again, as the assignee and as whoever assigned: aliases of the engine's own table (db/tables.ts says why). */
function aliasesOf(db: object): Aliases {
  const engine = engineOf(db);
  const cached = aliasesByEngine[engine];
  if (cached) return cached;
  const { users } = tablesOf(db);
  const made: Aliases =
    engine === "postgres"
      ? { assignee: pgAlias(users as never, "assignee") as unknown as UsersAs<"assignee">, assigner: pgAlias(users as never, "assigner") as unknown as UsersAs<"assigner"> }
      : { assignee: alias(users, "assignee"), assigner: alias(users, "assigner") };
  aliasesByEngine[engine] = made;
  return made;
}

function claimColumnsOf(db: object) {
  const { claims, users } = tablesOf(db);
  const { assignee } = aliasesOf(db);
  return {
    id: claims.id,
    text: claims.text,
    textHash: claims.textHash,
    state: claims.state,
    verdict: claims.verdict,
    version: claims.version,
    round: claims.round,
    articleId: claims.articleId,
    submitterId: claims.submitterId,
    submitterName: users.name,
    assigneeId: claims.assigneeId,
    assigneeName: assignee.name,
    createdAt: claims.createdAt,
    updatedAt: claims.updatedAt,
    dueAt: claims.dueAt,
    enteredStateAt: claims.enteredStateAt,
  };
}

function signoffViewColumnsOf(db: object) {
  const { signoffs, users } = tablesOf(db);
  return {
    id: signoffs.id,
    claimId: signoffs.claimId,
    action: signoffs.action,
    fromState: signoffs.fromState,
    toState: signoffs.toState,
    userId: signoffs.userId,
    userName: users.name,
    note: signoffs.note,
    verdict: signoffs.verdict,
    claimVersion: signoffs.claimVersion,
    textHash: signoffs.textHash,
    round: signoffs.round,
    createdAt: signoffs.createdAt,
    hash: signoffs.hash,
  };
}

/** The claim list's base query (submitter and assignee names joined); lists add their own filters. */
export function selectClaims(db: DbExecutor) {
  const { claims, users } = tablesOf(db);
  const { assignee } = aliasesOf(db);
  return db
    .select(claimColumnsOf(db))
    .from(claims)
    .innerJoin(users, eq(users.id, claims.submitterId))
    .leftJoin(assignee, eq(assignee.id, claims.assigneeId));
}

interface NewClaimValues {
  text: P<string>;
  textHash: P<string>;
  articleId: P<number | null>;
  submitterId: P<number>;
  dueAt: P<string | null>;
  now: P<string>;
}
interface RevisionValues {
  claimId: P<number>;
  version: P<number>;
  text: P<string>;
  textHash: P<string>;
  editedById: P<number>;
  note: P<string | null>;
  now: P<string>;
}
type CitationValues = { [K in keyof NewCitation]: P<NewCitation[K]> };
type NewCitation = Omit<Citation, "id">;
interface AssignmentValues {
  claimId: P<number>;
  assigneeId: P<number | null>;
  assignedById: P<number>;
  now: P<string>;
}
interface DueChangeValues {
  claimId: P<number>;
  dueAt: P<string | null>;
  previousDueAt: P<string | null>;
  changedById: P<number>;
  now: P<string>;
}

/** The queries, each built once here: prepared with placeholders on SQLite, with values on PostgreSQL. */
const build = {
  // Loading a claim for a change, and the facts the rules need.
  claimForChange: (db: DbExecutor, id: P<number>) => {
    const { claims } = tablesOf(db);
    return db.select().from(claims).where(eq(claims.id, id));
  },
  // Every sign-off of the claim, oldest first, with what read-model.ts needs to find the round's reviewer.
  signoffActionsOfClaim: (db: DbExecutor, claimId: P<number>) => {
    const { signoffs } = tablesOf(db);
    return db.select({ action: signoffs.action, round: signoffs.round, userId: signoffs.userId }).from(signoffs).where(eq(signoffs.claimId, claimId)).orderBy(asc(signoffs.id));
  },
  articleExists: (db: DbExecutor, id: P<number>) => {
    const { articles } = tablesOf(db);
    return db.select({ id: articles.id }).from(articles).where(eq(articles.id, id));
  },
  articleBody: (db: DbExecutor, id: P<number>) => {
    const { articles } = tablesOf(db);
    return db.select({ id: articles.id, body: articles.body }).from(articles).where(eq(articles.id, id));
  },

  // Writing.
  insertClaim: (db: DbExecutor, v: NewClaimValues) => {
    const { claims } = tablesOf(db);
    return db
      .insert(claims)
      .values({
        text: v.text,
        textHash: v.textHash,
        state: "draft",
        version: 1,
        round: 1,
        articleId: v.articleId,
        submitterId: v.submitterId,
        dueAt: v.dueAt,
        createdAt: v.now,
        updatedAt: v.now,
        enteredStateAt: v.now,
      })
      .returning({ id: claims.id });
  },
  insertRevision: (db: DbExecutor, v: RevisionValues) => {
    const { claimRevisions } = tablesOf(db);
    return db
      .insert(claimRevisions)
      .values({ claimId: v.claimId, version: v.version, text: v.text, textHash: v.textHash, editedById: v.editedById, note: v.note, createdAt: v.now });
  },
  insertCitation: (db: DbExecutor, v: CitationValues) => {
    const { citations } = tablesOf(db);
    return db.insert(citations).values(v).returning();
  },
  claimCitation: (db: DbExecutor, id: P<number>, claimId: P<number>) => {
    const { citations } = tablesOf(db);
    return db.select().from(citations).where(and(eq(citations.id, id), eq(citations.claimId, claimId)));
  },
  insertAssignment: (db: DbExecutor, v: AssignmentValues) => {
    const { claimAssignments } = tablesOf(db);
    return db.insert(claimAssignments).values({ claimId: v.claimId, assigneeId: v.assigneeId, assignedById: v.assignedById, createdAt: v.now });
  },
  insertDueChange: (db: DbExecutor, v: DueChangeValues) => {
    const { claimDueChanges } = tablesOf(db);
    return db.insert(claimDueChanges).values({ claimId: v.claimId, dueAt: v.dueAt, previousDueAt: v.previousDueAt, changedById: v.changedById, createdAt: v.now });
  },
  dueChangesOfClaim: (db: DbExecutor, claimId: P<number>) => {
    const { claimDueChanges, users } = tablesOf(db);
    return db
      .select({
        id: claimDueChanges.id,
        dueAt: claimDueChanges.dueAt,
        previousDueAt: claimDueChanges.previousDueAt,
        changedById: claimDueChanges.changedById,
        changedByName: users.name,
        createdAt: claimDueChanges.createdAt,
      })
      .from(claimDueChanges)
      .innerJoin(users, eq(users.id, claimDueChanges.changedById))
      .where(eq(claimDueChanges.claimId, claimId))
      .orderBy(asc(claimDueChanges.id));
  },

  // Reading one claim back in full (the detail every mutation answers with).
  claimRow: (db: DbExecutor, id: P<number>) => selectClaims(db).where(eq(tablesOf(db).claims.id, id)),
  citationsOfClaim: (db: DbExecutor, claimId: P<number>) => {
    const { citations } = tablesOf(db);
    return db.select().from(citations).where(eq(citations.claimId, claimId)).orderBy(asc(citations.id));
  },
  signoffsOfClaim: (db: DbExecutor, claimId: P<number>) => {
    const { signoffs, users } = tablesOf(db);
    return db.select(signoffViewColumnsOf(db)).from(signoffs).innerJoin(users, eq(users.id, signoffs.userId)).where(eq(signoffs.claimId, claimId)).orderBy(asc(signoffs.id));
  },
  signoffLinksOfClaim: (db: DbExecutor, claimId: P<number>) => {
    const { signoffs, signoffCitations } = tablesOf(db);
    return db
      .select({ signoffId: signoffCitations.signoffId, citationId: signoffCitations.citationId })
      .from(signoffCitations)
      .innerJoin(signoffs, eq(signoffs.id, signoffCitations.signoffId))
      .where(eq(signoffs.claimId, claimId))
      .orderBy(asc(signoffCitations.citationId));
  },
  articleTitle: (db: DbExecutor, id: P<number>) => {
    const { articles } = tablesOf(db);
    return db.select({ title: articles.title }).from(articles).where(eq(articles.id, id));
  },
  revisionsOfClaim: (db: DbExecutor, claimId: P<number>) => {
    const { claimRevisions, users } = tablesOf(db);
    return db
      .select({
        version: claimRevisions.version,
        text: claimRevisions.text,
        textHash: claimRevisions.textHash,
        editedById: claimRevisions.editedById,
        editedByName: users.name,
        note: claimRevisions.note,
        createdAt: claimRevisions.createdAt,
      })
      .from(claimRevisions)
      .innerJoin(users, eq(users.id, claimRevisions.editedById))
      .where(eq(claimRevisions.claimId, claimId))
      .orderBy(asc(claimRevisions.version));
  },
  assignmentsOfClaim: (db: DbExecutor, claimId: P<number>) => {
    const { claimAssignments } = tablesOf(db);
    const { assignee, assigner } = aliasesOf(db);
    return db
      .select({
        id: claimAssignments.id,
        assigneeId: claimAssignments.assigneeId,
        assigneeName: assignee.name,
        assignedById: claimAssignments.assignedById,
        assignedByName: assigner.name,
        createdAt: claimAssignments.createdAt,
      })
      .from(claimAssignments)
      .innerJoin(assigner, eq(assigner.id, claimAssignments.assignedById))
      .leftJoin(assignee, eq(assignee.id, claimAssignments.assigneeId))
      .where(eq(claimAssignments.claimId, claimId))
      .orderBy(asc(claimAssignments.id));
  },

  // Many claims at once.
  citationsOfClaims: (db: DbExecutor, ids: IdsIn) => {
    const { citations } = tablesOf(db);
    return db.select().from(citations).where(ids(citations.claimId)).orderBy(asc(citations.id));
  },
  signoffsOfClaims: (db: DbExecutor, ids: IdsIn) => {
    const { signoffs, users } = tablesOf(db);
    return db.select(signoffViewColumnsOf(db)).from(signoffs).innerJoin(users, eq(users.id, signoffs.userId)).where(ids(signoffs.claimId)).orderBy(asc(signoffs.id));
  },
  signoffLinksOfClaims: (db: DbExecutor, ids: IdsIn) => {
    const { signoffs, signoffCitations } = tablesOf(db);
    return db
      .select({ signoffId: signoffCitations.signoffId, citationId: signoffCitations.citationId })
      .from(signoffCitations)
      .innerJoin(signoffs, eq(signoffs.id, signoffCitations.signoffId))
      .where(ids(signoffs.claimId))
      .orderBy(asc(signoffCitations.citationId));
  },
  claimRowsOf: (db: DbExecutor, ids: IdsIn) => selectClaims(db).where(ids(tablesOf(db).claims.id)),
  // What the rules and the read model need of many claims' sign-offs, and nothing else (My work weighs hundreds at a time).
  signoffFactsOfClaims: (db: DbExecutor, ids: IdsIn) => {
    const { signoffs } = tablesOf(db);
    return db
      .select({ claimId: signoffs.claimId, action: signoffs.action, round: signoffs.round, userId: signoffs.userId, createdAt: signoffs.createdAt })
      .from(signoffs)
      .where(ids(signoffs.claimId))
      .orderBy(asc(signoffs.id));
  },
  // Publishing's reads (lib/publish reads claims only through queries.ts).
  verifiedClaimsOfArticle: (db: DbExecutor, articleId: P<number>) => {
    const { claims } = tablesOf(db);
    return selectClaims(db)
      .where(and(eq(claims.articleId, articleId), eq(claims.state, "verified")))
      .orderBy(asc(claims.createdAt), asc(claims.id));
  },
  claimStatesOf: (db: DbExecutor, ids: IdsIn) => {
    const { claims } = tablesOf(db);
    return db.select({ id: claims.id, state: claims.state, round: claims.round }).from(claims).where(ids(claims.id));
  },
  claimArticle: (db: DbExecutor, id: P<number>) => {
    const { claims } = tablesOf(db);
    return db.select({ articleId: claims.articleId }).from(claims).where(eq(claims.id, id));
  },
};

const jsonIds: IdsIn = (column) => sql`${column} IN (SELECT value FROM json_each(${p("ids")}))`;
const anyOf = (ids: readonly number[]): IdsIn => (column) => inArray(column, [...ids]);

/** SQLite: the statements above, prepared with placeholders. */
function prepare(db: DbExecutor) {
  const { claims, signoffs } = tablesOf(db);
  return {
    claimForChange: build.claimForChange(db, p("id")).prepare(), // sqlite-branch
    signoffActionsOfClaim: build.signoffActionsOfClaim(db, p("claimId")).prepare(), // sqlite-branch
    articleExists: build.articleExists(db, p("id")).prepare(), // sqlite-branch
    articleBody: build.articleBody(db, p("id")).prepare(), // sqlite-branch
    insertClaim: build // sqlite-branch
      .insertClaim(db, { text: p("text"), textHash: p("textHash"), articleId: p("articleId"), submitterId: p("submitterId"), dueAt: p("dueAt"), now: p("now") })
      .prepare(), // sqlite-branch
    insertRevision: build // sqlite-branch
      .insertRevision(db, { claimId: p("claimId"), version: p("version"), text: p("text"), textHash: p("textHash"), editedById: p("editedById"), note: p("note"), now: p("now") })
      .prepare(), // sqlite-branch
    /** Every changeable column at once: the caller merges its changes into the claim it loaded. */
    updateClaim: db // sqlite-branch
      .update(claims)
      // update().set() takes SQL rather than a bare placeholder.
      .set({
        text: sql`${p("text")}`,
        textHash: sql`${p("textHash")}`,
        state: sql`${p("state")}`,
        verdict: sql`${p("verdict")}`,
        round: sql`${p("round")}`,
        assigneeId: sql`${p("assigneeId")}`,
        dueAt: sql`${p("dueAt")}`,
        version: sql`${p("version")}`,
        updatedAt: sql`${p("now")}`,
      })
      .where(and(eq(claims.id, p("id")), eq(claims.version, p("expectedVersion"))))
      .prepare(), // sqlite-branch
    insertCitation: build // sqlite-branch
      .insertCitation(db, {
        claimId: p("claimId"),
        kind: p("kind"),
        url: p("url"),
        documentRef: p("documentRef"),
        title: p("title"),
        publisher: p("publisher"),
        quote: p("quote"),
        quoteHash: p("quoteHash"),
        articleId: p("articleId"),
        quoteStart: p("quoteStart"),
        quoteEnd: p("quoteEnd"),
        accessedAt: p("accessedAt"),
        addedById: p("addedById"),
        createdAt: p("createdAt"),
      })
      .prepare(), // sqlite-branch
    claimCitation: build.claimCitation(db, p("id"), p("claimId")).prepare(), // sqlite-branch
    lastSignoff: db.select({ id: signoffs.id, hash: signoffs.hash }).from(signoffs).orderBy(desc(signoffs.id)).limit(1).prepare(), // sqlite-branch
    insertSignoff: db // sqlite-branch
      .insert(signoffs)
      .values({
        id: p("id"),
        claimId: p("claimId"),
        action: p("action"),
        fromState: p("fromState"),
        toState: p("toState"),
        userId: p("userId"),
        note: p("note"),
        verdict: p("verdict"),
        claimVersion: p("claimVersion"),
        textHash: p("textHash"),
        round: p("round"),
        prevHash: p("prevHash"),
        hash: p("hash"),
        createdAt: p("createdAt"),
      })
      .returning()
      .prepare(), // sqlite-branch
    insertSignoffCitation: db // sqlite-branch
      .insert(tablesOf(db).signoffCitations)
      .values({ signoffId: p("signoffId"), citationId: p("citationId"), quoteHash: p("quoteHash"), citationHash: p("citationHash") })
      .prepare(), // sqlite-branch
    insertAssignment: build.insertAssignment(db, { claimId: p("claimId"), assigneeId: p("assigneeId"), assignedById: p("assignedById"), now: p("now") }).prepare(), // sqlite-branch
    insertDueChange: build // sqlite-branch
      .insertDueChange(db, { claimId: p("claimId"), dueAt: p("dueAt"), previousDueAt: p("previousDueAt"), changedById: p("changedById"), now: p("now") })
      .prepare(), // sqlite-branch
    dueChangesOfClaim: build.dueChangesOfClaim(db, p("claimId")).prepare(), // sqlite-branch
    claimRow: build.claimRow(db, p("id")).prepare(), // sqlite-branch
    citationsOfClaim: build.citationsOfClaim(db, p("claimId")).prepare(), // sqlite-branch
    signoffsOfClaim: build.signoffsOfClaim(db, p("claimId")).prepare(), // sqlite-branch
    signoffLinksOfClaim: build.signoffLinksOfClaim(db, p("claimId")).prepare(), // sqlite-branch
    citationsOfClaims: build.citationsOfClaims(db, jsonIds).prepare(), // sqlite-branch
    signoffsOfClaims: build.signoffsOfClaims(db, jsonIds).prepare(), // sqlite-branch
    signoffLinksOfClaims: build.signoffLinksOfClaims(db, jsonIds).prepare(), // sqlite-branch
    claimRowsOf: build.claimRowsOf(db, jsonIds).prepare(), // sqlite-branch
    signoffFactsOfClaims: build.signoffFactsOfClaims(db, jsonIds).prepare(), // sqlite-branch
    verifiedClaimsOfArticle: build.verifiedClaimsOfArticle(db, p("articleId")).prepare(), // sqlite-branch
    claimStatesOf: build.claimStatesOf(db, jsonIds).prepare(), // sqlite-branch
    claimArticle: build.claimArticle(db, p("id")).prepare(), // sqlite-branch
    articleTitle: build.articleTitle(db, p("id")).prepare(), // sqlite-branch
    revisionsOfClaim: build.revisionsOfClaim(db, p("claimId")).prepare(), // sqlite-branch
    assignmentsOfClaim: build.assignmentsOfClaim(db, p("claimId")).prepare(), // sqlite-branch
  };
}

/** SQLite only: the prepared statements of the connection `executor` (the database or a transaction on it) runs on. */
export const statements = preparedPerConnection(prepare); // sqlite-branch

/** The chain's head on SQLite (audit.ts's fast path; the write lock keeps it from moving until COMMIT). */
export function lastSignoffOf(executor: DbExecutor): { id: number; hash: string } | undefined {
  return statements(executor).lastSignoff.get(); // sqlite-branch
}

const onSqlite = (db: object): boolean => engineOf(db) === "sqlite";
const json = (ids: readonly number[]) => JSON.stringify(ids);

/** The claim a mutation will change, locked against concurrent changes on PostgreSQL (FOR UPDATE) until the transaction ends. */
export async function claimForChange(tx: DbExecutor, id: number): Promise<Claim | undefined> {
  if (onSqlite(tx)) return statements(tx).claimForChange.get({ id }); // sqlite-branch
  const query = build.claimForChange(tx, id);
  return firstRow((query as unknown as { for(strength: "update"): typeof query }).for("update"));
}

export async function signoffActionsOfClaim(db: DbExecutor, claimId: number) {
  if (onSqlite(db)) return statements(db).signoffActionsOfClaim.all({ claimId }); // sqlite-branch
  return build.signoffActionsOfClaim(db, claimId);
}

export async function articleExists(db: DbExecutor, id: number): Promise<boolean> {
  if (onSqlite(db)) return statements(db).articleExists.get({ id }) !== undefined; // sqlite-branch
  return (await firstRow(build.articleExists(db, id))) !== undefined;
}

export async function articleBody(db: DbExecutor, id: number) {
  if (onSqlite(db)) return statements(db).articleBody.get({ id }); // sqlite-branch
  return firstRow(build.articleBody(db, id));
}

/** Inserts a draft claim (version 1, round 1); its id. */
export async function insertClaim(tx: DbExecutor, values: { text: string; textHash: string; articleId: number | null; submitterId: number; dueAt: string | null; now: string }): Promise<number> {
  if (onSqlite(tx)) return statements(tx).insertClaim.get(values)!.id; // sqlite-branch
  const [row] = await build.insertClaim(tx, values);
  return row!.id;
}

export async function insertRevision(tx: DbExecutor, values: { claimId: number; version: number; text: string; textHash: string; editedById: number; note: string | null; now: string }): Promise<void> {
  if (onSqlite(tx)) return void statements(tx).insertRevision.run(values); // sqlite-branch
  await build.insertRevision(tx, values);
}

export type ClaimChanges = Pick<Claim, "text" | "textHash" | "state" | "verdict" | "round" | "assigneeId" | "dueAt">;

/**
 * Writes the claim's changeable columns at `version`, provided it is still at `expectedVersion`;
 * whether it was (the version-checked UPDATE … RETURNING on PostgreSQL).
 */
export async function updateClaimVersioned(tx: DbExecutor, id: number, expectedVersion: number, next: ClaimChanges & { version: number; now: string }): Promise<boolean> {
  if (onSqlite(tx)) return statements(tx).updateClaim.run({ id, expectedVersion, ...next }).changes === 1; // sqlite-branch
  const { claims } = tablesOf(tx);
  const { now, ...columns } = next;
  const updated = await tx
    .update(claims)
    .set({ ...columns, updatedAt: now })
    .where(and(eq(claims.id, id), eq(claims.version, expectedVersion)))
    .returning({ id: claims.id });
  return updated.length === 1;
}

export async function insertCitation(tx: DbExecutor, values: NewCitation): Promise<Citation> {
  if (onSqlite(tx)) return statements(tx).insertCitation.get(values)!; // sqlite-branch
  const [row] = await build.insertCitation(tx, values);
  return row!;
}

export async function claimCitation(db: DbExecutor, id: number, claimId: number): Promise<Citation | undefined> {
  if (onSqlite(db)) return statements(db).claimCitation.get({ id, claimId }); // sqlite-branch
  return firstRow(build.claimCitation(db, id, claimId));
}

export async function insertAssignment(tx: DbExecutor, values: { claimId: number; assigneeId: number | null; assignedById: number; now: string }): Promise<void> {
  if (onSqlite(tx)) return void statements(tx).insertAssignment.run(values); // sqlite-branch
  await build.insertAssignment(tx, values);
}

export async function insertDueChange(tx: DbExecutor, values: { claimId: number; dueAt: string | null; previousDueAt: string | null; changedById: number; now: string }): Promise<void> {
  if (onSqlite(tx)) return void statements(tx).insertDueChange.run(values); // sqlite-branch
  await build.insertDueChange(tx, values);
}

/** One claim's row and everything its detail shows, read together. */
export async function claimDetailRows(db: DbExecutor, id: number) {
  if (onSqlite(db)) {
    const prepared = statements(db); // sqlite-branch
    const row = prepared.claimRow.get({ id }); // sqlite-branch
    if (!row) return null;
    return {
      row,
      citations: prepared.citationsOfClaim.all({ claimId: id }), // sqlite-branch
      signoffs: prepared.signoffsOfClaim.all({ claimId: id }), // sqlite-branch
      links: prepared.signoffLinksOfClaim.all({ claimId: id }), // sqlite-branch
      article: row.articleId == null ? undefined : prepared.articleTitle.get({ id: row.articleId }), // sqlite-branch
      revisions: prepared.revisionsOfClaim.all({ claimId: id }), // sqlite-branch
      assignments: prepared.assignmentsOfClaim.all({ claimId: id }), // sqlite-branch
      dueChanges: prepared.dueChangesOfClaim.all({ claimId: id }), // sqlite-branch
    };
  }
  const row = await firstRow(build.claimRow(db, id));
  if (!row) return null;
  // One after another: inside a transaction they share its one client.
  const citations = await build.citationsOfClaim(db, id);
  const signoffs = await build.signoffsOfClaim(db, id);
  const links = await build.signoffLinksOfClaim(db, id);
  const article = row.articleId == null ? undefined : await firstRow(build.articleTitle(db, row.articleId));
  const revisions = await build.revisionsOfClaim(db, id);
  const assignments = await build.assignmentsOfClaim(db, id);
  const dueChanges = await build.dueChangesOfClaim(db, id);
  return { row, citations, signoffs, links, article, revisions, assignments, dueChanges };
}

export async function citationsOfClaims(db: DbExecutor, ids: readonly number[]): Promise<Citation[]> {
  if (onSqlite(db)) return statements(db).citationsOfClaims.all({ ids: json(ids) }); // sqlite-branch
  return build.citationsOfClaims(db, anyOf(ids));
}

/** The readers of rows by claim id that have no more to them than their query: by name, as below. */
type ByClaimIds = "signoffsOfClaims" | "signoffLinksOfClaims" | "claimRowsOf" | "signoffFactsOfClaims";

/**
 * The reader of `build[name]`'s rows for these claims: on SQLite its statement prepared once per
 * connection (the ids as a JSON array), on PostgreSQL the same builder with `= ANY` of the ids.
 */
function byClaimIds<K extends ByClaimIds>(name: K) {
  type Rows = Awaited<ReturnType<(typeof build)[K]>>;
  const read = async (db: DbExecutor, ids: readonly number[]): Promise<unknown> => {
    if (onSqlite(db)) return (statements(db)[name] as unknown as { all(params: { ids: string }): unknown }).all({ ids: json(ids) }); // sqlite-branch
    return (build[name] as unknown as (db: DbExecutor, ids: IdsIn) => PromiseLike<unknown>)(db, anyOf(ids));
  };
  // Both sides run the same select (the SQLite statement is build[name] prepared), so both answer its rows.
  return read as (db: DbExecutor, ids: readonly number[]) => Promise<Rows>;
}

export const signoffsOfClaims = byClaimIds("signoffsOfClaims");
export const signoffLinksOfClaims = byClaimIds("signoffLinksOfClaims");
export const claimRowsOf = byClaimIds("claimRowsOf");
export const signoffFactsOfClaims = byClaimIds("signoffFactsOfClaims");

export async function verifiedClaimsOfArticle(db: DbExecutor, articleId: number) {
  if (onSqlite(db)) return statements(db).verifiedClaimsOfArticle.all({ articleId }); // sqlite-branch
  return build.verifiedClaimsOfArticle(db, articleId);
}

export async function claimStatesOf(db: DbExecutor, ids: readonly number[]): Promise<Array<{ id: number; state: ClaimState; round: number }>> {
  if (onSqlite(db)) return statements(db).claimStatesOf.all({ ids: json(ids) }); // sqlite-branch
  return build.claimStatesOf(db, anyOf(ids));
}

export async function claimArticle(db: DbExecutor, id: number): Promise<{ articleId: number | null } | undefined> {
  if (onSqlite(db)) return statements(db).claimArticle.get({ id }); // sqlite-branch
  return firstRow(build.claimArticle(db, id));
}
