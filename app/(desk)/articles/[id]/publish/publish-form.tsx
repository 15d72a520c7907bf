"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { VerdictLabel } from "@/app/summaries/_components/verdict-label";
import { ClaimList, SummaryHeader } from "@/app/summaries/_components/summary-view";
import { diffVersions } from "@/lib/publish/changes";
import { slugify } from "@/lib/publish/slug";
import { SNAPSHOT_FORMAT, type PublicClaim, type SnapshotClaim, type SummarySnapshot } from "@/lib/publish/types";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { publishSummarySchema } from "@/lib/validations/publish";
import { publishSummaryAction } from "./actions";

// Checkbox values arrive as strings; the server receives numbers, validated by the shared schema.
const formSchema = publishSummarySchema.extend({
  claimIds: z.array(z.coerce.number<string>().int().positive()).min(1, "Choose at least one verified claim"),
});
type FormValues = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;
/** The fields this form shows an error beside; a server error for any other joins the message. */
const SHOWN_FIELDS = ["title", "slug", "introduction", "correctionNote", "claimIds"];

interface PublishedState {
  slug: string;
  version: number;
  title: string;
  introduction: string;
  withdrawn: boolean;
  snapshotClaims: SnapshotClaim[];
}

export function PublishForm({
  articleId,
  article,
  verifiedClaims,
  defaultTitle,
  suggestedSlug,
  published,
}: {
  articleId: number;
  article: SummarySnapshot["article"];
  verifiedClaims: SnapshotClaim[];
  defaultTitle: string;
  /** Free when the page was rendered; follows the title until the editor edits it. */
  suggestedSlug: string;
  published: PublishedState | null;
}) {
  const router = useRouter();
  const [step, setStep] = useState<"edit" | "preview">("edit");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string; slug?: string } | null>(null);
  const [publishing, setPublishing] = useState(false);
  // A second click while the first request is in flight is ignored here; the server dedupes too.
  const inFlight = useRef(false);
  const [slugEdited, setSlugEdited] = useState(false);
  const republishing = published != null;
  const nextVersion = (published?.version ?? 0) + 1;

  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors },
  } = useForm<FormValues, unknown, FormOutput>({
    resolver: zodResolver(formSchema),
    defaultValues: {
      title: defaultTitle,
      // Sent at first publication only: the address never changes afterwards.
      slug: republishing ? undefined : suggestedSlug,
      introduction: published?.introduction ?? "",
      correctionNote: "",
      claimIds: verifiedClaims.map((c) => String(c.id)),
      expectedVersion: published?.version ?? 0,
    },
  });
  const values = useWatch({ control });
  const chosenIds = new Set((values.claimIds ?? []).map(Number));
  const chosen = verifiedClaims.filter((c) => chosenIds.has(c.id));

  const changes = useMemo(() => {
    if (!published || step !== "preview") return [];
    const snapshot = (claims: SnapshotClaim[]): SummarySnapshot => ({ format: SNAPSHOT_FORMAT, article, claims });
    return diffVersions(
      { title: published.title, introduction: published.introduction, snapshot: snapshot(published.snapshotClaims) },
      { title: values.title ?? "", introduction: values.introduction ?? "", snapshot: snapshot(chosen) },
    );
  }, [published, step, article, values.title, values.introduction, chosen]);

  const toPreview = handleSubmit(
    (input) => {
      setMessage(null);
      if (republishing && !input.correctionNote?.trim()) {
        setError("correctionNote", { message: "Republishing is a correction: say what changed and why" });
        return;
      }
      setStep("preview");
    },
    () => setMessage({ tone: "error", text: "Some fields need attention." }),
  );

  // handleSubmit is called when the button is pressed, not during render: it is handed a function that reads the ref.
  const publish = (event?: React.BaseSyntheticEvent) => handleSubmit(publishValues)(event);
  async function publishValues(input: FormOutput) {
    if (inFlight.current) return;
    inFlight.current = true;
    setPublishing(true);
    setMessage(null);
    try {
      const result = await publishSummaryAction(articleId, input);
      if (!result.ok) {
        if (result.error.fields && Object.keys(result.error.fields).length > 0) setStep("edit");
        setMessage({ tone: "error", text: serverErrorMessage(setError, result.error, SHOWN_FIELDS) });
        return;
      }
      // The outcome is announced at the top of the page, and the form starts afresh for the next version.
      router.push(`/articles/${articleId}/publish?published=${result.value.version}${result.value.created ? "" : "&repeat=1"}`);
    } finally {
      inFlight.current = false;
      setPublishing(false);
    }
  }

  const previewClaims: PublicClaim[] = chosen.map((claim) => ({ ...claim, underReReview: false, firstPublishedAt: new Date().toISOString() }));

  return (
    <section aria-labelledby="publish-heading" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="publish-heading" className="text-base font-semibold">
        {republishing ? `Republish as version ${nextVersion}` : "Publish version 1"}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {republishing
          ? "A new version with a correction note. The current version stays readable at its own address, and the corrections log shows what changed and why."
          : "The summary becomes public at once, at its own address, with ClaimReview data for search engines and an entry in the feed."}
      </p>

      <form noValidate onSubmit={step === "edit" ? toPreview : publish} className="mt-5 space-y-5" aria-label="Publish summary">
        <div className={step === "edit" ? "space-y-5" : "hidden"}>
          <Field id="summary-title" label="Title" error={errors.title?.message}>
            <input
              {...register("title", {
                onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
                  if (!republishing && !slugEdited) setValue("slug", slugify(event.target.value));
                },
              })}
              {...describedBy("summary-title", errors.title?.message)}
              className={inputClass}
            />
          </Field>
          {republishing ? (
            <p className="text-sm text-slate-700">
              <span className="font-medium text-slate-800">Web address:</span> <code>/summaries/{published.slug}</code>, fixed since version 1.
            </p>
          ) : (
            <Field
              id="summary-slug"
              label="Web address"
              hint="The page's address after /summaries/, suggested from the title: lowercase letters a–z, digits and hyphens. Links and feeds point here, so it never changes after this first publication."
              error={errors.slug?.message}
            >
              <div className="flex items-stretch">
                <span aria-hidden className="inline-flex items-center rounded-l-md bg-slate-100 px-2 text-sm text-slate-600 ring-1 ring-slate-300 ring-inset">
                  /summaries/
                </span>
                <input
                  {...register("slug", { onChange: () => setSlugEdited(true) })}
                  {...describedBy("summary-slug", errors.slug?.message, true)}
                  autoCapitalize="none"
                  autoCorrect="off"
                  spellCheck={false}
                  className={`${inputClass} rounded-l-none font-mono`}
                />
              </div>
            </Field>
          )}
          <Field id="summary-introduction" label="Introduction" hint="What readers need to know before the claims: the story and why these claims matter." error={errors.introduction?.message}>
            <textarea
              {...register("introduction")}
              {...describedBy("summary-introduction", errors.introduction?.message, true)}
              rows={4}
              className={inputClass}
            />
          </Field>
          {republishing && (
            <Field
              id="summary-correction"
              label="Correction note"
              hint="Shown publicly in the corrections log: what changed and why."
              error={errors.correctionNote?.message}
            >
              <textarea
                {...register("correctionNote")}
                {...describedBy("summary-correction", errors.correctionNote?.message, true)}
                rows={3}
                className={inputClass}
              />
            </Field>
          )}
          <fieldset aria-describedby="summary-claims-error">
            <legend className="text-sm font-medium text-slate-800">Verified claims to include</legend>
            <ul className="mt-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
              {verifiedClaims.map((claim) => (
                <li key={claim.id}>
                  <label className="flex cursor-pointer items-start gap-3 px-3 py-2.5 text-sm hover:bg-slate-50">
                    <input type="checkbox" value={claim.id} {...register("claimIds")} className="mt-1 size-4 accent-blue-700" />
                    <span className="w-28 shrink-0">
                      <VerdictLabel verdict={claim.verdict} size="sm" />
                    </span>
                    <span className="text-slate-800">{claim.text}</span>
                  </label>
                </li>
              ))}
            </ul>
            <p id="summary-claims-error" className="mt-1 text-xs font-medium text-red-700" aria-live="polite">
              {errors.claimIds?.message ?? (errors.claimIds as { root?: { message?: string } } | undefined)?.root?.message}
            </p>
          </fieldset>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className={buttonClass("primary")}>
              Preview
            </button>
          </div>
        </div>

        {step === "preview" && (
          <div className="space-y-5">
            <div className="flex flex-wrap items-center gap-3 rounded-md bg-sky-50 px-4 py-3 text-sm text-sky-950 ring-1 ring-sky-200 ring-inset">
              <span className="font-semibold">Preview of version {nextVersion}.</span> This is exactly what readers will see at{" "}
              <code>/summaries/{published?.slug ?? values.slug}</code>; nothing is public until you publish.
            </div>
            {republishing && (
              <div className="rounded-md p-4 text-sm ring-1 ring-slate-200">
                <p className="font-semibold">Correction note</p>
                <p className="mt-1 text-slate-800">{values.correctionNote}</p>
                <p className="mt-3 font-semibold">What changed since version {published.version}</p>
                {changes.length > 0 ? (
                  <ul className="mt-1 list-disc pl-5 text-slate-700">
                    {changes.map((change, i) => (
                      <li key={i}>{change.description}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1 text-slate-700">Nothing in the claims, title or introduction has changed.</p>
                )}
              </div>
            )}
            <div className="rounded-lg bg-[#fbfaf7] p-4 ring-1 ring-slate-200 sm:p-8" aria-label="Preview" role="region">
              <div className="mx-auto max-w-3xl space-y-8">
                <SummaryHeader title={values.title ?? ""} introduction={values.introduction ?? ""} />
                <ClaimList claims={previewClaims} />
              </div>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" disabled={publishing} className={buttonClass("primary")}>
                {publishing ? "Publishing…" : republishing ? `Publish version ${nextVersion}` : "Publish"}
              </button>
              <button type="button" onClick={() => setStep("edit")} disabled={publishing} className={buttonClass("secondary")}>
                Back to editing
              </button>
            </div>
          </div>
        )}
        {message && (
          <FormMessage tone={message.tone}>
            {message.text}{" "}
            {message.slug && (
              <a href={`/summaries/${message.slug}`} className="font-semibold underline">
                View the public page
              </a>
            )}
          </FormMessage>
        )}
      </form>
    </section>
  );
}
