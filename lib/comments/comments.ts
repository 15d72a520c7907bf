import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, DbExecutor } from "@/db/client";
import { claims, commentMentions, comments, users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { decodeCursor, encodeCursor, staleCursor } from "@/lib/core/cursor";
import { parseInput } from "@/lib/core/parse";
import { fail, ok, refuse, type Result } from "@/lib/core/result";

import { inTransactionWithEvents, noEvents, type WithEvents } from "@/lib/events";
import { follow } from "@/lib/follows/follows";
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

const deleter = alias(users, "deleter");

function selectComments(db: DbExecutor) {
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

function withMentions(db: DbExecutor, rows: Omit<CommentView, "mentions">[]): CommentView[] {
  if (rows.length === 0) return [];
  const mentions = new Map<number, number[]>();
  const links = db
    .select()
    .from(commentMentions)
    .where(inArray(commentMentions.commentId, rows.map((row) => row.id)))
    .orderBy(asc(commentMentions.commentId), asc(commentMentions.userId))
    .all();
  for (const link of links) mentions.set(link.commentId, [...(mentions.get(link.commentId) ?? []), link.userId]);
  return rows.map((row) => ({ ...row, mentions: mentions.get(row.id) ?? [] }));
}

export function getComment(db: DbExecutor, commentId: number): CommentView | null {
  const row = selectComments(db).where(eq(comments.id, commentId)).get();
  return row ? withMentions(db, [row])[0] : null;
}

export interface CommentPage {
  data: CommentView[];
  nextCursor: string | null;
}

const ORDER = "comments-oldest";

/** A claim's comments, oldest first (a discussion reads top to bottom), tombstones included. */
export function listComments(db: DbExecutor, claimId: number, options: { cursor?: string; limit?: number } = {}): Result<CommentPage> {
  if (!db.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId)).get()) return fail("not_found", `There is no claim #${claimId}.`);
  const limit = options.limit ?? 100;
  let after = 0;
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor, ORDER, ["id"] as const);
    if (!cursor || cursor.before) return staleCursor();
    after = cursor.position[0];
  }
  const rows = selectComments(db)
    .where(and(eq(comments.claimId, claimId), gt(comments.id, after)))
    .orderBy(asc(comments.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor({ order: ORDER, position: [page.at(-1)!.id], before: false }) : null;
  return ok({ data: withMentions(db, page), nextCursor });
}

function enforce(permission: Permission): void {
  if (!permission.allowed) refuse(permission.code, permission.reason);
}

/** The mentions of a body, each an active desk user; otherwise an `invalid` refusal on `body` naming what is wrong. */
function checkedMentions(tx: DbExecutor, body: string): number[] {
  const { ids, malformed } = parseMentions(body);
  if (malformed.length > 0) {
    const message = `${malformed[0]} is not a mention: write it as @[Name](user:ID).`;
    refuse("invalid", message, { fields: { body: [message] } });
  }
  if (ids.length === 0) return ids;
  const found = tx.select({ id: users.id, disabled: users.disabled }).from(users).where(inArray(users.id, ids)).all();
  const active = new Set(found.filter((user) => !user.disabled).map((user) => user.id));
  const unknown = ids.filter((id) => !active.has(id));
  if (unknown.length > 0) {
    const message = `${unknown.map((id) => `user:${id}`).join(", ")} ${unknown.length === 1 ? "is not a desk user" : "are not desk users"} who can be mentioned.`;
    refuse("invalid", message, { fields: { body: [message] } });
  }
  return ids;
}

function claimOf(tx: DbExecutor, claimId: number) {
  const claim = tx.select({ id: claims.id, articleId: claims.articleId, version: claims.version }).from(claims).where(eq(claims.id, claimId)).get();
  if (!claim) refuse("not_found", `There is no claim #${claimId}.`);
  return claim;
}

function loadComment(tx: DbExecutor, commentId: number) {
  const comment = tx.select().from(comments).where(eq(comments.id, commentId)).get();
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
  return inTransactionWithEvents(db, (tx, record) => {
    const claim = claimOf(tx, claimId);
    const mentions = checkedMentions(tx, body);
    const at = now.toISOString();
    const { id } = tx.insert(comments).values({ claimId, authorId: actor.id, body, createdAt: at }).returning({ id: comments.id }).get();
    if (mentions.length > 0) tx.insert(commentMentions).values(mentions.map((userId) => ({ commentId: id, userId }))).run();
    follow(tx, actor.id, claimId, "commented", claim.version, at);
    record({ kind: "comment.added", claimId, articleId: claim.articleId, commentId: id, actorId: actor.id, mentions, at });
    return getComment(tx, id)!;
  });
}

/** The author changes their comment within 15 minutes of writing it; it is marked edited. Records comment.edited. */
export async function editComment(db: Db, actor: Actor, commentId: number, input: unknown, now: Date = new Date()): Promise<WithEvents<CommentView>> {
  const parsed = parseInput(commentBodySchema, input);
  if (!parsed.ok) return noEvents(parsed);
  const { body } = parsed.value;
  return inTransactionWithEvents(db, (tx, record) => {
    const comment = loadComment(tx, commentId);
    enforce(canEditComment(comment, actor, now));
    const mentions = checkedMentions(tx, body);
    if (body === comment.body) return getComment(tx, commentId)!;
    const before = new Set(tx.select({ userId: commentMentions.userId }).from(commentMentions).where(eq(commentMentions.commentId, commentId)).all().map((row) => row.userId));
    const at = now.toISOString();
    tx.update(comments).set({ body, editedAt: at }).where(eq(comments.id, commentId)).run();
    tx.delete(commentMentions).where(eq(commentMentions.commentId, commentId)).run();
    if (mentions.length > 0) tx.insert(commentMentions).values(mentions.map((userId) => ({ commentId, userId }))).run();
    const claim = claimOf(tx, comment.claimId);
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
    return getComment(tx, commentId)!;
  });
}

/**
 * Deletes a comment (its author or an admin): the row stays as a tombstone saying who deleted it and
 * when; its text and mentions go. Records comment.deleted.
 */
export async function deleteComment(db: Db, actor: Actor, commentId: number, now: Date = new Date()): Promise<WithEvents<CommentView>> {
  return inTransactionWithEvents(db, (tx, record) => {
    const comment = loadComment(tx, commentId);
    enforce(canDeleteComment(comment, actor));
    const at = now.toISOString();
    tx.update(comments).set({ body: "", deletedAt: at, deletedById: actor.id }).where(eq(comments.id, commentId)).run();
    tx.delete(commentMentions).where(eq(commentMentions.commentId, commentId)).run();
    const claim = claimOf(tx, comment.claimId);
    record({ kind: "comment.deleted", claimId: comment.claimId, articleId: claim.articleId, commentId, actorId: actor.id, mentions: [], at });
    return getComment(tx, commentId)!;
  });
}

/** Names of users by id (for rendering mentions with current names). */
export function userNames(db: DbExecutor, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids])).all().map((row) => [row.id, row.name]));
}

