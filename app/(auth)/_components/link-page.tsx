import Link from "next/link";
import { getDb } from "@/db/client";
import type { OneTimeLinkKind } from "@/lib/core/vocabulary";
import { checkLink } from "@/lib/users/links";
import { SetPasswordForm } from "./set-password-form";

const HEADINGS: Record<OneTimeLinkKind, string> = { invite: "Welcome to Factdesk", reset: "Choose a new password" };

/** The page an invite or reset link opens: the form while the link works, otherwise why it does not. */
export async function LinkPage({ kind, token }: { kind: OneTimeLinkKind; token: string }) {
  const link = await checkLink(getDb(), kind, token);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="font-serif text-3xl font-bold tracking-tight">Factdesk</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {link.ok ? (
            <>
              <h1 className="mb-1 text-lg font-semibold">{HEADINGS[kind]}</h1>
              <p className="mb-4 text-sm text-slate-600">
                {kind === "invite" ? `${link.value.name}, choose` : "Choose"} the password for <strong>{link.value.email}</strong>. This link works once.
              </p>
              <SetPasswordForm kind={kind} token={token} email={link.value.email} />
            </>
          ) : (
            <>
              <h1 className="mb-2 text-lg font-semibold">This link cannot be used</h1>
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-inset ring-red-200">
                {link.error.message}
              </p>
              <p className="mt-4 text-sm">
                <Link href="/sign-in" className="font-medium text-blue-700 underline">
                  Go to sign-in
                </Link>
              </p>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
