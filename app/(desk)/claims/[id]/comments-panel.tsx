import { MessageSquare } from "lucide-react";
import { Card } from "@/app/_components/page-header";
import { DateTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { listComments, userNames, type CommentView } from "@/lib/comments/comments";
import { renderCommentHtml } from "@/lib/comments/render";
import { canComment, canDeleteComment, canEditComment } from "@/lib/comments/rules";
import type { Actor } from "@/lib/core/actor";
import { searchUsers, type DeskUser } from "@/lib/users/search";
import { CommentForm } from "./comments-form";
import { CommentBody } from "./comments-item";

function Comment({ comment, actor, names, now, users }: { comment: CommentView; actor: Actor; names: Map<number, string>; now: Date; users: DeskUser[] }) {
  if (comment.deletedAt) {
    return (
      <li id={`comment-${comment.id}`} className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 italic ring-1 ring-slate-200 ring-inset">
        Comment deleted by {comment.deletedByName ?? "someone"} · <DateTime iso={comment.deletedAt} />
      </li>
    );
  }
  return (
    <li id={`comment-${comment.id}`} className="scroll-mt-24 rounded-md px-3 py-2 ring-1 ring-slate-200 ring-inset target:ring-2 target:ring-blue-600">
      <p className="text-xs text-slate-600">
        <span className="font-semibold text-slate-900">{comment.authorName}</span> · <DateTime iso={comment.createdAt} />
        {comment.editedAt && (
          <span title={`Edited ${comment.editedAt}`} className="ml-1 text-slate-500">
            (edited)
          </span>
        )}
      </p>
      <CommentBody
        commentId={comment.id}
        body={comment.body}
        canEdit={canEditComment(comment, actor, now).allowed}
        canDelete={canDeleteComment(comment, actor).allowed}
        users={users}
      >
        {/* Safe HTML: lib/comments/render.ts escapes raw HTML and keeps only http(s)/mailto links. */}
        <div className="comment-body prose-sm mt-1 text-sm text-slate-900 [&_a]:text-blue-800 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_ol]:list-decimal [&_ol]:pl-5 [&_p]:my-1 [&_ul]:list-disc [&_ul]:pl-5 [&_.mention]:font-semibold [&_.mention]:text-blue-900 [&_blockquote]:border-l-2 [&_blockquote]:pl-2 [&_blockquote]:text-slate-700" dangerouslySetInnerHTML={{ __html: renderCommentHtml(comment.body, names) }} />
      </CommentBody>
    </li>
  );
}

/** The discussion on a claim, beside its timeline: separate from sign-offs, never public. */
export async function CommentsPanel({ claimId }: { claimId: number }) {
  const actor = await requirePageActor();
  const db = getDb();
  const listed = await listComments(db, claimId, { limit: 200 });
  const comments = listed.ok ? listed.value.data : [];
  const names = await userNames(db, [...new Set(comments.flatMap((comment) => comment.mentions))]);
  const now = new Date();
  // Who can be mentioned, for the @ autocomplete: every active desk user (a newsroom desk has tens).
  const users = await searchUsers(db, "", 500);
  return (
    <Card>
      <section aria-labelledby="comments-heading" className="space-y-4">
        <h2 id="comments-heading" className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <MessageSquare aria-hidden className="size-4" />
          Comments <span className="text-sm font-normal text-slate-500">({comments.filter((comment) => !comment.deletedAt).length})</span>
        </h2>
        <p className="text-xs text-slate-600">Discussion for the desk only: comments are not sign-offs and never appear on public pages.</p>
        {comments.length === 0 ? (
          <p className="text-sm text-slate-600">No comments yet.</p>
        ) : (
          <ol aria-label="Comments" className="space-y-2">
            {comments.map((comment) => (
              <Comment key={comment.id} comment={comment} actor={actor} names={names} now={now} users={users} />
            ))}
          </ol>
        )}
        {canComment(actor).allowed && <CommentForm claimId={claimId} users={users} />}
      </section>
    </Card>
  );
}
