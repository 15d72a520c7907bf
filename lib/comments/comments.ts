import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { alias as pgAlias } from "drizzle-orm/pg-core";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, DbExecutor } from "@/db/client";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { decodeCursor, encodeCursor, staleCursor } from "@/lib/core/cursor";
import { parseInput } from "@/lib/core/parse";
import { fail, ok, refuse, type Result } from "@/lib/core/result";

import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { addFollow } from "@/lib/follows/follows";
import type { Permission } from "@/lib/workflow/rules";
import { parseMentions } from "./mentions";
import { canComment, canDeleteComment, canEditComment } from "./rules";
import { commentBodySchema } from "./schemas";

/*
 * The discussion on a claim. Comments are not sign-offs: they change nothing about the claim and
 * never appear on public pages, feeds or exports. Each change is recorded as an event
 * (comment.added / edited / deleted) for notifications, webhooks and live pages.
 */

export interface CommentView {
  id: number;
  claimId: number;
  authorId: number;
  authorName: string;
  /** Markdown with `@[Name](user:ID)` mentions; empty once deleted. */
  body: string;
  mentions: number[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  deletedById: number | null;
  deletedByName: string | null;
}

/** The users table again, as whoever deleted a comment: an alias of the engine's own table (db/tables.ts says why). */
function deleterOf(db: DbExecutor) {
  const { users } = tablesOf(db);
  return engineOf(db) === "postgres" ? (pgAlias(users as never, "deleter") as unknown as ReturnType<typeof alias<typeof users, "deleter">>) : alias(users, "deleter");
}

function selectComments(db: DbExecutor) {
  const { comments, users } = tablesOf(db);
  const deleter = deleterOf(db);
  return db
    .select({
      id: comments.id,
      claimId: comments.claimId,
      authorId: comments.authorId,
      authorName: users.name,
      body: comments.body,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
      deletedAt: comments.deletedAt,
      deletedById: comments.deletedById,
      deletedByName: deleter.name,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .leftJoin(deleter, eq(deleter.id, comments.deletedById));
}

async function withMentions(db: DbExecutor, rows: Omit<CommentView, "mentions">[]): Promise<CommentView[]> {
  const { commentMentions } = tablesOf(db);
  if (rows.length === 0) return [];
  const mentions = new Map<number, number[]>();
  const links = await db
    .select()
    .from(commentMentions)
    .where(inArray(commentMentions.commentId, rows.map((row) => row.id)))
    .orderBy(asc(commentMentions.commentId), asc(commentMentions.userId));
  for (const link of links) mentions.set(link.commentId, [...(mentions.get(link.commentId) ?? []), link.userId]);
  return rows.map((row) => ({ ...row, mentions: mentions.get(row.id) ?? [] }));
}

export async function getComment(db: DbExecutor, commentId: number): Promise<CommentView | null> {
  const { comments } = tablesOf(db);
  const row = await firstRow(selectComments(db).where(eq(comments.id, commentId)));
  return row ? (await withMentions(db, [row]))[0] : null;
}

export interface CommentPage {
  data: CommentView[];
  nextCursor: string | null;
}

const ORDER = "comments-oldest";

/** A claim's comments, oldest first (a discussion reads top to bottom), tombstones included. */
export async function listComments(db: DbExecutor, claimId: number, options: { cursor?: string; limit?: number } = {}): Promise<Result<CommentPage>> {
  const { claims, comments } = tablesOf(db);
  if (!(await firstRow(db.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId))))) return fail("not_found", `There is no claim #${claimId}.`);
  const limit = options.limit ?? 100;
  let after = 0;
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor, ORDER, ["id"] as const);
    if (!cursor || cursor.before) return staleCursor();
    after = cursor.position[0];
  }
  const rows = await selectComments(db)
    .where(and(eq(comments.claimId, claimId), gt(comments.id, after)))
    .orderBy(asc(comments.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor({ order: ORDER, position: [page.at(-1)!.id], before: false }) : null;
  return ok({ data: await withMentions(db, page), nextCursor });
}

function enforce(permission: Permission): void {
  if (!permission.allowed) refuse(permission.code, permission.reason);
}

/** The mentions of a body, each an active desk user; otherwise an `invalid` refusal on `body` naming what is wrong. */
async function checkedMentions(tx: DbExecutor, body: string): Promise<number[]> {
  const { users } = tablesOf(tx);
  const { ids, malformed } = parseMentions(body);
  if (malformed.length > 0) {
    const message = `${malformed[0]} is not a mention: write it as @[Name](user:ID).`;
    refuse("invalid", message, { fields: { body: [message] } });
  }
  if (ids.length === 0) return ids;
  const found = await tx.select({ id: users.id, disabled: users.disabled }).from(users).where(inArray(users.id, ids));
  const active = new Set(found.filter((user) => !user.disabled).map((user) => user.id));
  const unknown = ids.filter((id) => !active.has(id));
  if (unknown.length > 0) {
    const message = `${unknown.map((id) => `user:${id}`).join(", ")} ${unknown.length === 1 ? "is not a desk user" : "are not desk users"} who can be mentioned.`;
    refuse("invalid", message, { fields: { body: [message] } });
  }
  return ids;
}

async function claimOf(tx: DbExecutor, claimId: number) {
  const { claims } = tablesOf(tx);
  const claim = await firstRow(tx.select({ id: claims.id, articleId: claims.articleId, version: claims.version }).from(claims).where(eq(claims.id, claimId)));
  if (!claim) refuse("not_found", `There is no claim #${claimId}.`);
  return claim;
}

/** The comment to change; on PostgreSQL locked (FOR UPDATE) so a racing edit and delete apply one after the other. */
async function loadComment(tx: DbExecutor, commentId: number) {
  const { comments } = tablesOf(tx);
  const query = tx.select().from(comments).where(eq(comments.id, commentId));
  const comment = await firstRow(engineOf(tx) === "postgres" ? (query as unknown as { for(strength: "update"): typeof query }).for("update") : query);
  if (!comment) refuse("not_found", `There is no comment #${commentId}.`);
  return comment;
}

/** Adds a comment to a claim; the author follows the claim from now on. Records comment.added. */
export async function addComment(db: Db, actor: Actor, claimId: number, input: unknown, now: Date = new Date()): Promise<WithEvents<CommentView>> {
  const allowed = canComment(actor);
  if (!allowed.allowed) return noEvents(fail(allowed.code, allowed.reason));
  const parsed = parseInput(commentBodySchema, input);
  if (!parsed.ok) return noEvents(parsed);
  const { body } = parsed.value;
  return inTransactionWithEvents(db, async (tx, record) => {
    const { commentMentions, comments } = tablesOf(tx);
    const claim = await claimOf(tx, claimId);
    const mentions = await checkedMentions(tx, body);
    const at = now.toISOString();
    const [{ id }] = await tx.insert(comments).values({ claimId, authorId: actor.id, body, createdAt: at }).returning({ id: comments.id });
    if (mentions.length > 0) await tx.insert(commentMentions).values(mentions.map((userId) => ({ commentId: id, userId })));
    await addFollow(tx, actor.id, claimId, "commented", claim.version, at);
    record({ kind: "comment.added", claimId, articleId: claim.articleId, commentId: id, actorId: actor.id, mentions, at });
    return (await getComment(tx, id))!;
  });
}

/** The author changes their comment within 15 minutes of writing it; it is marked edited. Records comment.edited. */
export async function editComment(db: Db, actor: Actor, commentId: number, input: unknown, now: Date = new Date()): Promise<WithEvents<CommentView>> {
  const parsed = parseInput(commentBodySchema, input);
  if (!parsed.ok) return noEvents(parsed);
  const { body } = parsed.value;
  return inTransactionWithEvents(db, async (tx, record) => {
    const { commentMentions, comments } = tablesOf(tx);
    const comment = await loadComment(tx, commentId);
    enforce(canEditComment(comment, actor, now));
    const mentions = await checkedMentions(tx, body);
    if (body === comment.body) return (await getComment(tx, commentId))!;
    const before = new Set((await tx.select({ userId: commentMentions.userId }).from(commentMentions).where(eq(commentMentions.commentId, commentId))).map((row) => row.userId));
    const at = now.toISOString();
    await tx.update(comments).set({ body, editedAt: at }).where(eq(comments.id, commentId));
    await tx.delete(commentMentions).where(eq(commentMentions.commentId, commentId));
    if (mentions.length > 0) await tx.insert(commentMentions).values(mentions.map((userId) => ({ commentId, userId })));
    const claim = await claimOf(tx, comment.claimId);
    record({
      kind: "comment.edited",
      claimId: comment.claimId,
      articleId: claim.articleId,
      commentId,
      actorId: actor.id,
      mentions,
      newMentions: mentions.filter((id) => !before.has(id)),
      at,
    });
    return (await getComment(tx, commentId))!;
  });
}

/**
 * Deletes a comment (its author or an admin): the row stays as a tombstone saying who deleted it and
 * when; its text and mentions go. Records comment.deleted.
 */
export async function deleteComment(db: Db, actor: Actor, commentId: number, now: Date = new Date()): Promise<WithEvents<CommentView>> {
  return inTransactionWithEvents(db, async (tx, record) => {
    const { commentMentions, comments } = tablesOf(tx);
    const comment = await loadComment(tx, commentId);
    enforce(canDeleteComment(comment, actor));
    const at = now.toISOString();
    await tx.update(comments).set({ body: "", deletedAt: at, deletedById: actor.id }).where(eq(comments.id, commentId));
    await tx.delete(commentMentions).where(eq(commentMentions.commentId, commentId));
    const claim = await claimOf(tx, comment.claimId);
    record({ kind: "comment.deleted", claimId: comment.claimId, articleId: claim.articleId, commentId, actorId: actor.id, mentions: [], at });
    return (await getComment(tx, commentId))!;
  });
}

/** Names of users by id (for rendering mentions with current names). */
export async function userNames(db: DbExecutor, ids: readonly number[]): Promise<Map<number, string>> {
  const { users } = tablesOf(db);
  if (ids.length === 0) return new Map();
  return new Map((await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]))).map((row) => [row.id, row.name]));
}

