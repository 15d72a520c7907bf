import { z } from "zod";
import { isIsoDateOrDateTime } from "./claims";
import { toWellFormed } from "@/lib/core/well-formed";

export const MAX_ARTICLE_CHARS = 500_000;

// Well-formed in the schema itself, like the other schemas that hold names and text, so any parse of it (the form's resolver too) yields what is stored.
const text = () => z.string().overwrite(toWellFormed);

const optionalText = (max: number) =>
  text()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((value) => (value ? value : null));

export const createArticleSchema = z.object({
  title: text().trim().min(1, "Give the article a title.").max(300, "Keep the title under 300 characters."),
  body: text()
    .trim()
    .min(1, "The article text is empty.")
    .max(MAX_ARTICLE_CHARS, `The article text is over ${MAX_ARTICLE_CHARS.toLocaleString("en")} characters.`),
  sourceUrl: text()
    .trim()
    .max(2000)
    .refine((value) => value === "" || /^https?:\/\/[^\s]+$/i.test(value), "Use an http(s) URL.")
    .optional()
    .nullable()
    .transform((value) => (value ? value : null)),
  publisher: optionalText(200),
  // A calendar date (2018-06-06) or an ISO date-time with its zone; Date.parse alone took "-1" and "2018".
  publishedAt: text()
    .trim()
    .refine((value) => value === "" || isIsoDateOrDateTime(value), "Use a date such as 2018-06-06.")
    .optional()
    .nullable()
    .transform((value) => (value ? value : null)),
});
export type CreateArticleInput = z.input<typeof createArticleSchema>;
