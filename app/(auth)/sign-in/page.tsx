import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/guards";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  created: "Your password is set. Sign in with it.",
  reset: "Your password was changed and every earlier session ended. Sign in with the new password.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; password?: string }> }) {
  if (await currentActor()) redirect("/");
  const { callbackUrl, password } = await searchParams;
  const notice = password ? NOTICES[password] : undefined;
  let next = "/";
  try {
    if (callbackUrl) next = new URL(callbackUrl, "http://factdesk.local").pathname;
  } catch {}
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="font-serif text-3xl font-bold tracking-tight">Factdesk</p>
          <p className="mt-1 text-sm text-slate-600">Every claim signed off and cited.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h1 className="mb-4 text-lg font-semibold">Sign in to the desk</h1>
          {notice && (
            <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200">
              {notice}
            </p>
          )}
          <SignInForm next={next} />
        </div>
      </div>
    </main>
  );
}
