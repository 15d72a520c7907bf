import type { Metadata } from "next";
import { Card, PageHeader } from "@/app/_components/page-header";
import { requirePageActor } from "@/lib/auth/guards";
import { NewArticleForm } from "./new-article-form";

export const metadata: Metadata = { title: "Add article" };

export default async function NewArticlePage() {
  await requirePageActor("reporter");
  return (
    <>
      <PageHeader
        title="Add article"
        description="Upload a file or paste the text. The details a file carries (title, address, publisher, date) are filled in for you to check."
      />
      <Card className="max-w-4xl">
        <NewArticleForm />
      </Card>
    </>
  );
}
