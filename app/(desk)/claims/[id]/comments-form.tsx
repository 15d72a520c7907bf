"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { Field, FormMessage } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import type { ActionResult } from "@/lib/actions/result";
import { commentBodySchema } from "@/lib/comments/schemas";
import type { DeskUser } from "@/lib/users/search";
import { addCommentAction, editCommentAction } from "./comments-actions";
import { MentionTextarea } from "./mention-textarea";

type Values = z.input<typeof commentBodySchema>;

const HINT = "Markdown: **bold**, _italic_, [links](https://…), lists. Type @ and a name to mention someone.";

function CommentBodyForm({
  id,
  label,
  initial,
  submitLabel,
  send,
  onDone,
  onCancel,
  users,
}: {
  users: readonly DeskUser[];
  id: string;
  label: string;
  initial: string;
  submitLabel: string;
  send: (values: z.output<typeof commentBodySchema>) => Promise<ActionResult<null>>;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { control, handleSubmit, setError, reset, formState: { errors, isSubmitting } } = useForm<Values, unknown, z.output<typeof commentBodySchema>>({
    resolver: zodResolver(commentBodySchema),
    defaultValues: { body: initial },
  });
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await send(values);
    if (!result.ok) {
      setMessage({ tone: "error", text: serverErrorMessage(setError, result.error, ["body"]) });
      return;
    }
    reset({ body: "" });
    setMessage(result.message ? { tone: "success", text: result.message } : null);
    onDone();
    router.refresh();
  });
  const error = errors.body?.message;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label} className="space-y-2">
      <Field id={id} label={label} hint={HINT} error={error}>
        <Controller
          control={control}
          name="body"
          render={({ field }) => (
            <MentionTextarea
              id={id}
              name={field.name}
              value={field.value ?? ""}
              onChange={field.onChange}
              onBlur={field.onBlur}
              textareaRef={field.ref}
              users={users}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : `${id}-hint`}
              placeholder="Write a comment…"
            />
          )}
        />
      </Field>
      <div className="flex gap-2">
        <button type="submit" disabled={isSubmitting} className={buttonClass("primary")}>
          {isSubmitting ? "Saving…" : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className={buttonClass("secondary")}>
            Cancel
          </button>
        )}
      </div>
      {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
    </form>
  );
}

/** Adding a comment to a claim. */
export function CommentForm({ claimId, users }: { claimId: number; users: readonly DeskUser[] }) {
  return (
    <CommentBodyForm id="comment-body" label="Add a comment" initial="" submitLabel="Post comment" send={(values) => addCommentAction(claimId, values)} onDone={() => {}} users={users} />
  );
}

/** Editing one's own comment in place (within its 15 minutes). */
export function CommentEditForm({ commentId, body, onDone, users }: { commentId: number; body: string; onDone: () => void; users: readonly DeskUser[] }) {
  return (
    <CommentBodyForm
      id={`comment-edit-${commentId}`}
      label="Edit comment"
      initial={body}
      submitLabel="Save comment"
      send={(values) => editCommentAction(commentId, values)}
      onDone={onDone}
      onCancel={onDone}
      users={users}
    />
  );
}
