import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/app/_components/badge";
import { DataTable } from "@/app/_components/data-table";
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
  const tokens = await listTokens(getDb(), actor.id);
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
        <Card flush>
          <DataTable
            caption="Your API tokens"
            rows={tokens}
            rowKey={(token) => token.id}
            rowProps={(token) => ({ className: token.revokedAt || isExpired(token) ? "bg-slate-50 text-slate-500" : undefined })}
            columns={[
              { header: "Name", cellClassName: "font-medium text-slate-900", cell: (token) => token.name },
              { header: "Token", cellClassName: "font-mono text-xs", cell: (token) => `${token.prefix}…` },
              { header: "Created", cell: (token) => <DateTime iso={token.createdAt} /> },
              { header: "Last used", cell: (token) => (token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : "Never") },
              { header: "Expires", cell: (token) => (token.expiresAt ? <DateTime iso={token.expiresAt} /> : "Never") },
              {
                header: "Status",
                cell: (token) => (token.revokedAt ? <Badge tone="red">Revoked</Badge> : isExpired(token) ? <Badge tone="amber">Expired</Badge> : <Badge>Active</Badge>),
              },
              {
                header: "Actions",
                className: "text-right",
                cell: (token) => !token.revokedAt && !isExpired(token) && <RevokeTokenButton tokenId={token.id} name={token.name} />,
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
