"use server";

import { headers } from "next/headers";
import { ok } from "@/lib/core/result";
import { formAction, serverAction } from "@/lib/actions/server-action";
import { requestClientAddress } from "@/lib/auth/client-address";
import { endOtherSessions, endOwnSession } from "@/lib/sessions/sessions";
import { changeOwnPassword } from "@/lib/users/users";

// Everyone manages their own account; sessions are not domain events, so the page is refreshed here.
const own = { role: "reporter", revalidate: ["/settings/account"] } as const;

const others = (n: number, one: string, many: string) => `${n} other session${n === 1 ? one : many}`;

export const changePasswordAction = serverAction(
  { ...own, message: ({ endedSessions: n }: { endedSessions: number }) => `Password changed.${n ? ` ${others(n, " was", "s were")} signed out.` : ""}` },
  async ({ db, actor, session }, input: unknown) =>
    changeOwnPassword(db, actor, session.id, input, { clientAddress: requestClientAddress(await headers()) }),
);

export const endOtherSessionsAction = formAction(
  { ...own, message: (n: number) => (n ? `Signed out ${n} other session${n === 1 ? "" : "s"}.` : "No other sessions were open.") },
  async ({ db, actor, session }) => ok(await endOtherSessions(db, actor, session.id)),
);

export const endSessionAction = formAction({ ...own, message: () => "Signed out that session." }, ({ db, actor }, fields) =>
  endOwnSession(db, actor, fields.sessionId),
);
