"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { FormMessage } from "@/app/_components/field";
import { actionMessage } from "@/lib/actions/result";
import type { DeskUser } from "@/lib/users/search";
import { deleteCommentAction } from "./comments-actions";
import { CommentEditForm } from "./comments-form";

const linkButton = "text-xs font-medium text-blue-800 hover:underline";

/** One comment's body with its Edit and Delete controls, as the rules allow them for the viewer. */
export function CommentBody({
  commentId,
  body,
  canEdit,
  canDelete,
  users,
  children,
}: {
  users: readonly DeskUser[];
  commentId: number;
  body: string;
  canEdit: boolean;
  canDelete: boolean;
  children: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [state, remove, pending] = useActionState(deleteCommentAction, null);
  const shown = actionMessage(state);
  const router = useRouter();
  // The tombstone is server-rendered: show it as soon as the deletion is done.
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  if (editing) return <CommentEditForm commentId={commentId} body={body} onDone={() => setEditing(false)} users={users} />;
  return (
    <>
      {children}
      {(canEdit || canDelete) && (
        <div className="mt-1 flex gap-3">
          {canEdit && (
            <button type="button" className={linkButton} onClick={() => setEditing(true)}>
              Edit<span className="sr-only"> comment</span>
            </button>
          )}
          {canDelete && (
            <ConfirmDialog
              trigger={
                <>
                  Delete<span className="sr-only"> comment</span>
                </>
              }
              triggerClassName={linkButton}
              title="Delete this comment?"
              description="Its text goes; the discussion keeps a note that a comment was deleted, by whom and when."
              confirmLabel="Delete comment"
              action={remove}
              fields={{ commentId }}
              pending={pending}
            />
          )}
        </div>
      )}
      {shown?.tone === "error" && <FormMessage tone="error">{shown.text}</FormMessage>}
    </>
  );
}
