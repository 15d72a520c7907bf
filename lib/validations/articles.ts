import { z } from "zod";

export const MAX_ARTICLE_CHARS = 500_000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((value) => (value ? value : null));

export const createArticleSchema = z.object({
  title: z.string().trim().min(1, "Give the article a title.").max(300, "Keep the title under 300 characters."),
  body: z
    .string()
    .trim()
    .min(1, "The article text is empty.")
    .max(MAX_ARTICLE_CHARS, `The article text is over ${MAX_ARTICLE_CHARS.toLocaleString("en")} characters.`),
  sourceUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((value) => value === "" || /^https?:\/\/[^\s]+$/i.test(value), "Use an http(s) URL.")
    .optional()
    .nullable()
    .transform((value) => (value ? value : null)),
  publisher: optionalText(200),
  publishedAt: z
    .string()
    .trim()
    .refine((value) => value === "" || !Number.isNaN(Date.parse(value)), "Use a date such as 2018-06-06.")
    .optional()
    .nullable()
    .transform((value) => (value ? value : null)),
});
export type CreateArticleInput = z.input<typeof createArticleSchema>;
