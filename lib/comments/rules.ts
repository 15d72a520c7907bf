import { hasRole, type Actor } from "@/lib/core/actor";
import type { Permission } from "@/lib/workflow/rules";

/*
 * Who may do what with a comment, once: the domain functions refuse with these and the comments
 * panel asks them which buttons to show.
 */

/** An author may edit their comment for this long after writing it. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

type RuleActor = Pick<Actor, "id" | "role">;
interface CommentFacts {
  authorId: number;
  createdAt: string;
  deletedAt: string | null;
}

const ALLOWED: Permission = { allowed: true };
const forbidden = (reason: string): Permission => ({ allowed: false, code: "forbidden", reason });
const conflict = (reason: string): Permission => ({ allowed: false, code: "conflict", reason });

/** Any signed-in desk user may take part in the discussion. */
export function canComment(actor: RuleActor): Permission {
  return hasRole(actor, "reporter") ? ALLOWED : forbidden("Only desk users can comment.");
}

export function canEditComment(comment: CommentFacts, actor: RuleActor, now: Date = new Date()): Permission {
  if (comment.authorId !== actor.id) return forbidden("Only its author can edit a comment.");
  if (comment.deletedAt) return conflict("This comment was deleted.");
  if (now.getTime() - Date.parse(comment.createdAt) > EDIT_WINDOW_MS) return forbidden("A comment can be edited only within 15 minutes of writing it.");
  return ALLOWED;
}

export function canDeleteComment(comment: CommentFacts, actor: RuleActor): Permission {
  if (comment.authorId !== actor.id && !hasRole(actor, "admin")) return forbidden("Only its author or an admin can delete a comment.");
  if (comment.deletedAt) return conflict("This comment was already deleted.");
  return ALLOWED;
}
