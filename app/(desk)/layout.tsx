import Link from "next/link";
import { LogOut } from "lucide-react";
import { RoleBadge } from "@/app/_components/badge";
import { DeskNav } from "@/app/_components/desk-nav";
import { LiveProvider } from "@/app/_components/live/live-provider";
import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth";
import { requirePageActor } from "@/lib/auth/guards";
import { navigationFor } from "@/lib/auth/navigation";
import { countUnread } from "@/lib/notifications/notifications";
import { listViews, viewHref } from "@/lib/views/views";

export default async function DeskLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  // Rendered on the server; LiveProvider refreshes it when this person is notified.
  const unread = await countUnread(getDb(), actor.id);
  const views = (await listViews(getDb(), actor.id)).map((view) => ({ id: view.id, name: view.name, href: viewHref(view) }));
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/sign-in" });
  }
  return (
    <LiveProvider>
      <div className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
            <Link href="/" className="font-serif text-xl font-bold tracking-tight">
              Factdesk
            </Link>
            <DeskNav items={navigationFor(actor.role)} counts={{ "/inbox": unread }} views={views} />
            <div className="ml-auto flex items-center gap-3 text-sm">
              <span className="text-slate-700">{actor.name}</span>
              <RoleBadge role={actor.role} />
              <form action={signOutAction}>
                <button type="submit" className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100">
                  <LogOut aria-hidden className="size-4" />
                  Sign out
                </button>
              </form>
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
          {children}
        </main>
      </div>
    </LiveProvider>
  );
}
