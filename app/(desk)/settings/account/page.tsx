import type { Metadata } from "next";
import { Badge } from "@/app/_components/badge";
import { DataTable } from "@/app/_components/data-table";
import { Card, PageHeader } from "@/app/_components/page-header";
import { DateTime, RelativeTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { currentSignIn } from "@/lib/auth/guards";
import { describeUserAgent, listActiveSessions } from "@/lib/sessions/sessions";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "./change-password-form";
import { EndOtherSessionsButton, EndSessionButton } from "./end-other-sessions-button";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const signedIn = await currentSignIn();
  if (!signedIn) redirect("/sign-in");
  const { actor, session: current } = signedIn;
  const sessions = await listActiveSessions(getDb(), actor.id);
  return (
    <>
      <PageHeader title="Account" description={`Signed in as ${actor.name} (${actor.email}).`} />
      <Card className="mb-6">
        <h2 className="mb-1 text-base font-semibold">Change password</h2>
        <p className="mb-4 text-sm text-slate-600">Changing it signs out every other session of yours.</p>
        <ChangePasswordForm />
      </Card>
      <Card className="overflow-x-auto">
        <h2 className="mb-1 text-base font-semibold">Your sessions</h2>
        <p className="mb-4 text-sm text-slate-600">
          Where you are signed in. A session ends when you sign out, after 30 minutes unused, or 12 hours after signing in.
        </p>
        <DataTable
          caption="Your sessions"
          density="inline"
          className="mb-4"
          rows={sessions}
          rowKey={(session) => session.id}
          columns={[
            {
              header: "Device",
              cell: (session) => (
                <>
                  {describeUserAgent(session.userAgent)} {session.id === current.id && <Badge>This session</Badge>}
                </>
              ),
            },
            { header: "Address", cellClassName: "font-mono text-xs", cell: (session) => session.clientAddress ?? "unknown" },
            { header: "Signed in", cell: (session) => <DateTime iso={session.createdAt} /> },
            { header: "Last active", cell: (session) => <RelativeTime iso={session.lastSeenAt} /> },
            {
              header: "Actions",
              className: "text-right",
              cell: (session) => session.id !== current.id && <EndSessionButton sessionId={session.id} device={describeUserAgent(session.userAgent)} />,
            },
          ]}
        />
        <EndOtherSessionsButton others={sessions.filter((session) => session.id !== current.id).length} />
      </Card>
    </>
  );
}
