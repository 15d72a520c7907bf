import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_components/empty-state";
import { Card, PageHeader } from "@/app/_components/page-header";
import { RelativeTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { NOTIFICATION_KIND_LABELS } from "@/lib/notifications/kinds";
import { listNotifications, type NotificationView } from "@/lib/notifications/notifications";
import { MarkReadButton } from "./mark-read-button";

export const metadata: Metadata = { title: "Inbox" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function targetOf(notification: NotificationView): { href: string; label: string } | null {
  if (notification.claimId == null) return null;
  const anchor = notification.commentId != null ? `#comment-${notification.commentId}` : "";
  return { href: `/claims/${notification.claimId}${anchor}`, label: `Open claim #${notification.claimId}` };
}

function Row({ notification }: { notification: NotificationView }) {
  const target = targetOf(notification);
  const unread = notification.readAt == null;
  return (
    <li className={`flex flex-wrap items-start justify-between gap-3 px-5 py-3 sm:flex-nowrap ${unread ? "bg-blue-50/60" : ""}`}>
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className={`text-sm ${unread ? "font-semibold text-slate-900" : "text-slate-700"}`}>
          {unread && <span className="sr-only">Unread: </span>}
          {notification.message}
        </p>
        <p className="text-xs text-slate-600">
          {NOTIFICATION_KIND_LABELS[notification.kind]} · <RelativeTime iso={notification.createdAt} /> ago
          {target && (
            <>
              {" · "}
              <Link href={target.href} className="font-medium text-blue-800 hover:underline">
                {target.label}
              </Link>
            </>
          )}
        </p>
      </div>
      {unread && (
        <div className="shrink-0">
          <MarkReadButton id={notification.id} label="Mark read" />
        </div>
      )}
    </li>
  );
}

/** The signed-in person's notifications: unread first view, all on request, one or all marked read. */
export default async function InboxPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const params = await searchParams;
  const show = first(params.show) === "all" ? "all" : "unread";
  const cursor = first(params.cursor);
  const listed = await listNotifications(getDb(), actor.id, { unread: show === "unread", cursor, limit: 30 });
  const page = listed.ok ? listed.value : { data: [], nextCursor: null, unreadCount: 0 };
  const tab = (value: "unread" | "all", label: string) => (
    <Link
      href={value === "all" ? "/inbox?show=all" : "/inbox"}
      aria-current={show === value ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${show === value ? "bg-slate-900 text-white" : "text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-100"}`}
    >
      {label}
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Inbox"
        description={
          <>
            What needs you: assignments, mentions, your claims&apos; sign-offs and the claims you follow.{" "}
            <Link href="/settings/notifications" className="font-medium text-blue-800 hover:underline">
              Choose what you get
            </Link>
            .
          </>
        }
        actions={page.unreadCount > 0 ? <MarkReadButton all label="Mark all read" /> : undefined}
      />
      <nav aria-label="Inbox filter" className="mb-4 flex gap-2">
        {tab("unread", `Unread (${page.unreadCount})`)}
        {tab("all", "All")}
      </nav>
      {!listed.ok && <p className="mb-4 text-sm text-red-700">{listed.error.message}</p>}
      {page.data.length === 0 ? (
        <EmptyState title={show === "unread" ? "Nothing unread" : "No notifications yet"}>
          {show === "unread" ? "You are up to date." : "You will hear here when a claim is assigned to you, you are mentioned, or a claim of yours moves."}
        </EmptyState>
      ) : (
        <Card flush>
          <ul aria-label="Notifications" className="divide-y divide-slate-200">
            {page.data.map((notification) => (
              <Row key={notification.id} notification={notification} />
            ))}
          </ul>
        </Card>
      )}
      {page.nextCursor && (
        <p className="mt-4">
          <Link href={`/inbox?${new URLSearchParams({ ...(show === "all" && { show: "all" }), cursor: page.nextCursor })}`} className="text-sm font-medium text-blue-800 hover:underline">
            Older notifications
          </Link>
        </p>
      )}
    </>
  );
}
