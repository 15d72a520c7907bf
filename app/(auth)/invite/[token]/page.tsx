import type { Metadata } from "next";
import { LinkPage } from "../../_components/link-page";

// The secret is in the address: keep it out of Referer headers, caches and search engines.
export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <LinkPage kind="invite" token={token} />;
}
