import { z } from "zod";

/** Shared by the comment form (zodResolver), the domain functions and the OpenAPI document. */
export const COMMENT_BODY_MAX = 5000;

export const commentBodySchema = z.object({
  body: z
    .string({ error: "Write a comment." })
    .trim()
    .min(1, "Write a comment.")
    .max(COMMENT_BODY_MAX, `A comment is at most ${COMMENT_BODY_MAX} characters.`)
    .meta({ description: "Markdown (no raw HTML; links only http(s) and mailto). Mentions as `@[Name](user:ID)`." }),
});

export type CommentBodyInput = z.input<typeof commentBodySchema>;
