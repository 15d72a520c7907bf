"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { FileUp, Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { existingArticleFrom } from "@/lib/articles/duplicate";
import { ACCEPT_ATTRIBUTE, checkUpload } from "@/lib/ingest/format";
import { createArticleSchema, type CreateArticleInput } from "@/lib/validations/articles";
import { createArticleAction } from "./actions";

const FIELDS = ["title", "body", "sourceUrl", "publisher", "publishedAt"] as const;

type Message = { tone: "error" | "success"; content: ReactNode };

interface ExtractResponse {
  article?: { format: string; title: string | null; body: string; sourceUrl: string | null; publisher: string | null; publishedAt: string | null };
  existing?: { id: number; title: string } | null;
  error?: { code: string; message: string };
}

function existingLink(existing: { id: number; title: string }): ReactNode {
  return (
    <>
      This text is already on the desk as “{existing.title}”.{" "}
      <Link href={`/articles/${existing.id}`} className="font-semibold underline">
        Open the existing article
      </Link>
    </>
  );
}

export function NewArticleForm() {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string | undefined>();
  const [fileMessage, setFileMessage] = useState<Message | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<CreateArticleInput>({
    resolver: zodResolver(createArticleSchema),
    defaultValues: { title: "", body: "", sourceUrl: "", publisher: "", publishedAt: "" },
  });

  async function readFile(file: File | undefined) {
    setFileError(undefined);
    setFileMessage(null);
    if (!file) return;
    // The server's own rule (size and type), so the form never refuses a file the server would read.
    const checked = checkUpload(file);
    if (!checked.ok) {
      setFileError(checked.error.message);
      return;
    }
    setReading(true);
    try {
      const form = new FormData();
      form.append("file", file);
      const response = await fetch("/articles/new/extract", { method: "POST", body: form });
      const data = (await response.json().catch(() => ({}))) as ExtractResponse;
      if (!response.ok || !data.article) {
        setFileError(data.error?.message ?? "The file could not be read. Try again, or paste the text.");
        return;
      }
      const { article } = data;
      setValue("body", article.body, { shouldValidate: true });
      for (const key of ["title", "sourceUrl", "publisher", "publishedAt"] as const) {
        // The file fills what it knows; what the reporter already typed for the rest stays.
        if (article[key]) setValue(key, article[key], { shouldValidate: true });
      }
      const words = article.body.split(/\s+/).filter(Boolean).length;
      setFileMessage(
        data.existing
          ? { tone: "error", content: existingLink(data.existing) }
          : { tone: "success", content: `Read ${words.toLocaleString("en")} words from ${file.name}. Check the title and details below, then add the article.` },
      );
    } catch {
      setFileError("The upload failed. Check your connection and try again.");
    } finally {
      setReading(false);
    }
  }

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await createArticleAction(values);
    if (!result.ok) {
      // The server names the article on the desk; the title typed into this form is not that article's.
      const existing = existingArticleFrom(result.error);
      if (existing) {
        setMessage({ tone: "error", content: existingLink(existing) });
        return;
      }
      setMessage({ tone: "error", content: serverErrorMessage(setError, result.error, FIELDS) });
      return;
    }
    router.push(`/articles/${result.value.articleId}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add article" className="space-y-6">
      <div className="rounded-lg border-2 border-dashed border-slate-300 bg-slate-50 p-4">
        <Field
          id="article-file"
          label="Upload a file"
          hint="A .txt, .md, .html, .docx or .pdf file up to 5 MiB. Web pages keep only the article text. Or paste the text below."
          error={fileError}
        >
          <div className="flex flex-wrap items-center gap-3">
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPT_ATTRIBUTE}
              onChange={(event) => void readFile(event.target.files?.[0])}
              {...describedBy("article-file", fileError, true)}
              className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-900 file:shadow-sm file:ring-1 file:ring-inset file:ring-slate-300 hover:file:bg-slate-100"
            />
            {reading && (
              <span className="inline-flex items-center gap-1.5 text-sm text-slate-600" role="status">
                <Loader2 aria-hidden className="size-4 animate-spin" /> Reading the file…
              </span>
            )}
          </div>
        </Field>
        {fileMessage && (
          <div className="mt-3">
            <FormMessage tone={fileMessage.tone}>{fileMessage.content}</FormMessage>
          </div>
        )}
      </div>

      <Field id="article-title" label="Title" error={errors.title?.message}>
        <input {...register("title")} {...describedBy("article-title", errors.title?.message)} className={inputClass} autoComplete="off" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="article-url" label="Source URL" hint="Where the article was published, if online." error={errors.sourceUrl?.message}>
          <input
            {...register("sourceUrl")}
            {...describedBy("article-url", errors.sourceUrl?.message, true)}
            type="url"
            inputMode="url"
            placeholder="https://"
            className={inputClass}
          />
        </Field>
        <Field id="article-publisher" label="Publisher" error={errors.publisher?.message}>
          <input {...register("publisher")} {...describedBy("article-publisher", errors.publisher?.message)} className={inputClass} />
        </Field>
        <Field id="article-date" label="Publication date" error={errors.publishedAt?.message}>
          <input {...register("publishedAt")} {...describedBy("article-date", errors.publishedAt?.message)} type="date" className={inputClass} />
        </Field>
      </div>
      <Field id="article-body" label="Article text" hint="Paste the full text. Navigation, share buttons and newsletter appeals are recognised and never offered as claims." error={errors.body?.message}>
        <textarea
          {...register("body")}
          {...describedBy("article-body", errors.body?.message, true)}
          rows={16}
          className={`${inputClass} font-serif leading-relaxed`}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={isSubmitting || reading} className={buttonClass("primary")}>
          <FileUp aria-hidden className="size-4" />
          {isSubmitting ? "Adding…" : "Add article"}
        </button>
        <Link href="/articles" className={buttonClass("ghost")}>
          Cancel
        </Link>
        {message && <FormMessage tone={message.tone}>{message.content}</FormMessage>}
      </div>
    </form>
  );
}
