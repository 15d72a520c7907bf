import type { Metadata } from "next";
import { Badge } from "@/app/_components/badge";
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
  const sessions = listActiveSessions(getDb(), actor.id);
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
        <table className="mb-4 min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Your sessions</caption>
          <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4">Device</th>
              <th scope="col" className="py-2 pr-4">Address</th>
              <th scope="col" className="py-2 pr-4">Signed in</th>
              <th scope="col" className="py-2 pr-4">Last active</th>
              <th scope="col" className="py-2 text-right">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((session) => (
              <tr key={session.id}>
                <th scope="row" className="py-2 pr-4 text-left font-medium">
                  {describeUserAgent(session.userAgent)} {session.id === current.id && <Badge>This session</Badge>}
                </th>
                <td className="py-2 pr-4 font-mono text-xs">{session.clientAddress ?? "unknown"}</td>
                <td className="py-2 pr-4"><DateTime iso={session.createdAt} /></td>
                <td className="py-2 pr-4"><RelativeTime iso={session.lastSeenAt} /></td>
                <td className="py-2">
                  {session.id !== current.id && <EndSessionButton sessionId={session.id} device={describeUserAgent(session.userAgent)} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <EndOtherSessionsButton others={sessions.filter((session) => session.id !== current.id).length} />
      </Card>
    </>
  );
}
