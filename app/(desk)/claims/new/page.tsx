import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/app/_components/page-header";
import { getDb } from "@/db/client";
import { getArticle, listArticleTitles } from "@/lib/articles/articles";
import { requirePageActor } from "@/lib/auth/guards";
import type { CitationInput, SubmitClaimInput } from "@/lib/validations/claims";
import { locateQuote } from "@/lib/validations/quote";
import { SubmitClaimForm } from "./submit-claim-form";

export const metadata: Metadata = { title: "New claim" };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

function offset(value: string | undefined): number | null {
  if (value == null || !/^\d+$/.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * What the form starts with. From an article sentence (`?articleId=&quote=&start=&end=`), the text
 * and the origin citation are filled in; offsets are kept only when they point at the quote, and
 * found again in the body when they do not (lib/validations/quote.ts, the rule the server applies).
 */
async function prefill(params: SearchParams): Promise<{ defaults: SubmitClaimInput; source: { id: number; title: string } | null; warning: string | null }> {
  const origin: CitationInput = { kind: "origin", title: "", url: "", documentRef: "", publisher: "", quote: "", accessedAt: today() };
  const articleParam = offset(first(params.articleId));
  const quote = first(params.quote) ?? "";
  const article = articleParam ? await getArticle(getDb(), articleParam) : null;
  if (!article) {
    return {
      defaults: { text: quote, articleId: null, note: "", citations: [{ ...origin, quote }] },
      source: null,
      warning: articleParam ? `There is no article #${articleParam}; fill in the origin by hand.` : null,
    };
  }

  // The offsets the server will accept: the given ones when they point at the quote, else found again.
  const located = quote ? locateQuote(article.body, quote, { quoteStart: offset(first(params.start)), quoteEnd: offset(first(params.end)) }) : null;
  const warning = quote && !located ? "The quoted sentence was not found in the article as is; check the quote." : null;
  return {
    defaults: {
      text: quote,
      articleId: article.id,
      note: "",
      citations: [
        {
          ...origin,
          url: article.sourceUrl ?? "",
          documentRef: article.sourceUrl ? "" : `Factdesk article #${article.id}`,
          title: article.title,
          publisher: article.publisher ?? "",
          quote,
          articleId: article.id,
          quoteStart: located?.quoteStart ?? null,
          quoteEnd: located?.quoteEnd ?? null,
        },
      ],
    },
    source: { id: article.id, title: article.title },
    warning,
  };
}

export default async function NewClaimPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageActor("reporter");
  const { defaults, source, warning } = await prefill(await searchParams);
  const articles = await listArticleTitles(getDb(), 100);
  if (source && !articles.some((article) => article.id === source.id)) articles.unshift(source);

  return (
    <>
      <PageHeader
        title="Submit a claim"
        description={
          source ? (
            <>
              From{" "}
              <Link href={`/articles/${source.id}`} className="font-medium text-blue-700 underline">
                {source.title}
              </Link>
              . The sentence and its origin citation are filled in; tighten the wording if you need to.
            </>
          ) : (
            "A checkable statement and the source it came from. Every claim starts as a draft."
          )
        }
      />
      {warning && (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          {warning}
        </p>
      )}
      <Card className="max-w-4xl">
        <SubmitClaimForm defaults={defaults} articles={articles} />
      </Card>
    </>
  );
}
