import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/app/_components/badge";
import { EmptyState } from "@/app/_components/empty-state";
import { Card, PageHeader } from "@/app/_components/page-header";
import { DateTime, RelativeTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { currentSignIn } from "@/lib/auth/guards";
import { isRecentlyAuthenticated } from "@/lib/sessions/sessions";
import { isExpired, listTokens } from "@/lib/tokens/tokens";
import { redirect } from "next/navigation";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenButton } from "./revoke-token-button";

export const metadata: Metadata = { title: "API tokens" };

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const signedIn = await currentSignIn();
  if (!signedIn) redirect("/sign-in");
  const { actor, session } = signedIn;
  const tokens = listTokens(getDb(), actor.id);
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let newsroom tools use the <Link href="/api-docs" className="font-medium text-blue-700 underline">Factdesk API</Link> as you.
            A token acts with your current role ({actor.role}); if your account is disabled, your tokens stop working at once.
          </>
        }
      />
      <Card className="mb-6">
        <h2 className="mb-4 text-base font-semibold">Create a token</h2>
        <CreateTokenForm needsPassword={!isRecentlyAuthenticated(session)} />
      </Card>
      {tokens.length === 0 ? (
        <EmptyState title="No API tokens yet">Create one above; it is shown once, and only a hash of it is kept.</EmptyState>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Your API tokens</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">Name</th>
                <th scope="col" className="px-4 py-3">Token</th>
                <th scope="col" className="px-4 py-3">Created</th>
                <th scope="col" className="px-4 py-3">Last used</th>
                <th scope="col" className="px-4 py-3">Expires</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3 text-right">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((token) => (
                <tr key={token.id} className={token.revokedAt || isExpired(token) ? "bg-slate-50 text-slate-500" : undefined}>
                  <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">{token.name}</th>
                  <td className="px-4 py-3 font-mono text-xs">{token.prefix}…</td>
                  <td className="px-4 py-3"><DateTime iso={token.createdAt} /></td>
                  <td className="px-4 py-3">{token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : "Never"}</td>
                  <td className="px-4 py-3">{token.expiresAt ? <DateTime iso={token.expiresAt} /> : "Never"}</td>
                  <td className="px-4 py-3">
                    {token.revokedAt ? <Badge tone="red">Revoked</Badge> : isExpired(token) ? <Badge tone="amber">Expired</Badge> : <Badge>Active</Badge>}
                  </td>
                  <td className="px-4 py-3 text-right">
                    {!token.revokedAt && !isExpired(token) && <RevokeTokenButton tokenId={token.id} name={token.name} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
