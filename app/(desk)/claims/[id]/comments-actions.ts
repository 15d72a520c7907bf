"use server";

import { z } from "zod";
import { formAction, serverAction } from "@/lib/actions/server-action";
import { addComment, deleteComment, editComment } from "@/lib/comments/comments";
import { toId } from "@/lib/core/ids";
import { fail } from "@/lib/core/result";

/** The comment form posts here; the domain function checks the body, mentions and who may comment. */
export const addCommentAction = serverAction({ role: "reporter", message: () => "Comment posted." }, async ({ db, actor }, claimId: number, input: unknown) => {
  const id = toId(claimId);
  return id ? await addComment(db, actor, id, input) : fail("not_found", "There is no such claim.");
});

export const editCommentAction = serverAction({ role: "reporter", message: () => "Comment updated." }, async ({ db, actor }, commentId: number, input: unknown) => {
  const id = toId(commentId);
  return id ? await editComment(db, actor, id, input) : fail("not_found", "There is no such comment.");
});

/** From the confirmation dialog (a plain form, so it works without JavaScript too). */
export const deleteCommentAction = formAction(
  { role: "reporter", schema: z.object({ commentId: z.coerce.number().int().positive() }), message: () => "Comment deleted." },
  ({ db, actor }, { commentId }) => deleteComment(db, actor, commentId),
);
