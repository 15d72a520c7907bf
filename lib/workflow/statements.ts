import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { articles, citations, claimAssignments, claimDueChanges, claimRevisions, claims, signoffCitations, signoffs, users } from "@/db/schema";
import { preparedPerConnection, type DbExecutor } from "@/db/client";

/*
 * The write path's statements, prepared once per connection instead of rebuilt and re-prepared on
 * every call: a profile of submit + review showed two thirds of the time in drizzle building SQL and
 * SQLite preparing it again, against a fraction in the statements themselves.
 *
 * A connection and the transactions opened on it share one drizzle session, and better-sqlite3 runs
 * everything on that one connection, so a statement prepared from the database object runs inside
 * whichever transaction is open, exactly like a query built on the transaction object.
 */

const p = sql.placeholder;
const assignee = alias(users, "assignee");
const assigner = alias(users, "assigner");

export const claimColumns = {
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

export const signoffViewColumns = {
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

/** The claim list's base query (submitter and assignee names joined); lists add their own filters. */
export function selectClaims(db: DbExecutor) {
  return db
    .select(claimColumns)
    .from(claims)
    .innerJoin(users, eq(users.id, claims.submitterId))
    .leftJoin(assignee, eq(assignee.id, claims.assigneeId));
}

function prepare(db: DbExecutor) {
  return {
    // Loading a claim for a change, and the facts the rules need.
    claimForChange: db.select().from(claims).where(eq(claims.id, p("id"))).prepare(),
    // Every sign-off of the claim, oldest first, with what read-model.ts needs to find the round's reviewer.
    signoffActionsOfClaim: db
      .select({ action: signoffs.action, round: signoffs.round, userId: signoffs.userId })
      .from(signoffs)
      .where(eq(signoffs.claimId, p("claimId")))
      .orderBy(asc(signoffs.id))
      .prepare(),
    articleExists: db.select({ id: articles.id }).from(articles).where(eq(articles.id, p("id"))).prepare(),
    articleBody: db.select({ id: articles.id, body: articles.body }).from(articles).where(eq(articles.id, p("id"))).prepare(),

    // Writing.
    insertClaim: db
      .insert(claims)
      .values({
        text: p("text"),
        textHash: p("textHash"),
        state: "draft",
        version: 1,
        round: 1,
        articleId: p("articleId"),
        submitterId: p("submitterId"),
        dueAt: p("dueAt"),
        createdAt: p("now"),
        updatedAt: p("now"),
        enteredStateAt: p("now"),
      })
      .returning({ id: claims.id })
      .prepare(),
    insertRevision: db
      .insert(claimRevisions)
      .values({ claimId: p("claimId"), version: p("version"), text: p("text"), textHash: p("textHash"), editedById: p("editedById"), note: p("note"), createdAt: p("now") })
      .prepare(),
    /** Every changeable column at once: the caller merges its changes into the claim it loaded. */
    updateClaim: db
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
      .prepare(),
    insertCitation: db
      .insert(citations)
      .values({
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
      .returning()
      .prepare(),
    claimCitation: db
      .select()
      .from(citations)
      .where(and(eq(citations.id, p("id")), eq(citations.claimId, p("claimId"))))
      .prepare(),
    lastSignoff: db.select({ id: signoffs.id, hash: signoffs.hash }).from(signoffs).orderBy(desc(signoffs.id)).limit(1).prepare(),
    insertSignoff: db
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
      .prepare(),
    insertSignoffCitation: db
      .insert(signoffCitations)
      .values({ signoffId: p("signoffId"), citationId: p("citationId"), quoteHash: p("quoteHash"), citationHash: p("citationHash") })
      .prepare(),
    insertAssignment: db
      .insert(claimAssignments)
      .values({ claimId: p("claimId"), assigneeId: p("assigneeId"), assignedById: p("assignedById"), createdAt: p("now") })
      .prepare(),

    insertDueChange: db
      .insert(claimDueChanges)
      .values({ claimId: p("claimId"), dueAt: p("dueAt"), previousDueAt: p("previousDueAt"), changedById: p("changedById"), createdAt: p("now") })
      .prepare(),
    dueChangesOfClaim: db
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
      .where(eq(claimDueChanges.claimId, p("claimId")))
      .orderBy(asc(claimDueChanges.id))
      .prepare(),

    // Reading one claim back in full (the detail every mutation answers with).
    claimRow: selectClaims(db).where(eq(claims.id, p("id"))).prepare(),
    citationsOfClaim: db.select().from(citations).where(eq(citations.claimId, p("claimId"))).orderBy(asc(citations.id)).prepare(),
    signoffsOfClaim: db
      .select(signoffViewColumns)
      .from(signoffs)
      .innerJoin(users, eq(users.id, signoffs.userId))
      .where(eq(signoffs.claimId, p("claimId")))
      .orderBy(asc(signoffs.id))
      .prepare(),
    signoffLinksOfClaim: db
      .select({ signoffId: signoffCitations.signoffId, citationId: signoffCitations.citationId })
      .from(signoffCitations)
      .innerJoin(signoffs, eq(signoffs.id, signoffCitations.signoffId))
      .where(eq(signoffs.claimId, p("claimId")))
      .orderBy(asc(signoffCitations.citationId))
      .prepare(),
    // Lists: the ids travel as one JSON array parameter, so one prepared statement serves any page size.
    citationsOfClaims: db
      .select()
      .from(citations)
      .where(sql`${citations.claimId} IN (SELECT value FROM json_each(${p("ids")}))`)
      .orderBy(asc(citations.id))
      .prepare(),
    signoffsOfClaims: db
      .select(signoffViewColumns)
      .from(signoffs)
      .innerJoin(users, eq(users.id, signoffs.userId))
      .where(sql`${signoffs.claimId} IN (SELECT value FROM json_each(${p("ids")}))`)
      .orderBy(asc(signoffs.id))
      .prepare(),
    signoffLinksOfClaims: db
      .select({ signoffId: signoffCitations.signoffId, citationId: signoffCitations.citationId })
      .from(signoffCitations)
      .innerJoin(signoffs, eq(signoffs.id, signoffCitations.signoffId))
      .where(sql`${signoffs.claimId} IN (SELECT value FROM json_each(${p("ids")}))`)
      .orderBy(asc(signoffCitations.citationId))
      .prepare(),
    claimRowsOf: selectClaims(db).where(sql`${claims.id} IN (SELECT value FROM json_each(${p("ids")}))`).prepare(),
    // What the rules and the read model need of many claims' sign-offs, and nothing else (My work weighs hundreds at a time).
    signoffFactsOfClaims: db
      .select({ claimId: signoffs.claimId, action: signoffs.action, round: signoffs.round, userId: signoffs.userId, createdAt: signoffs.createdAt })
      .from(signoffs)
      .where(sql`${signoffs.claimId} IN (SELECT value FROM json_each(${p("ids")}))`)
      .orderBy(asc(signoffs.id))
      .prepare(),
    // Publishing's reads (lib/publish reads claims only through queries.ts).
    verifiedClaimsOfArticle: selectClaims(db)
      .where(and(eq(claims.articleId, p("articleId")), eq(claims.state, "verified")))
      .orderBy(asc(claims.createdAt), asc(claims.id))
      .prepare(),
    claimStatesOf: db
      .select({ id: claims.id, state: claims.state, round: claims.round })
      .from(claims)
      .where(sql`${claims.id} IN (SELECT value FROM json_each(${p("ids")}))`)
      .prepare(),
    claimArticle: db.select({ articleId: claims.articleId }).from(claims).where(eq(claims.id, p("id"))).prepare(),
    articleTitle: db.select({ title: articles.title }).from(articles).where(eq(articles.id, p("id"))).prepare(),
    revisionsOfClaim: db
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
      .where(eq(claimRevisions.claimId, p("claimId")))
      .orderBy(asc(claimRevisions.version))
      .prepare(),
    assignmentsOfClaim: db
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
      .where(eq(claimAssignments.claimId, p("claimId")))
      .orderBy(asc(claimAssignments.id))
      .prepare(),
  };
}

/** The prepared statements of the connection `executor` (the database or a transaction on it) runs on. */
export const statements = preparedPerConnection(prepare);

/** The chain's head on SQLite (audit.ts's fast path; the write lock keeps it from moving until COMMIT). */
export function lastSignoffOf(executor: DbExecutor): { id: number; hash: string } | undefined {
  return statements(executor).lastSignoff.get();
}
