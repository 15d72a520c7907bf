import type { Metadata } from "next";
import { Card, PageHeader } from "@/app/_components/page-header";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { emailEnabled } from "@/lib/email/config";
import { preferencesOf } from "@/lib/notifications/preferences";
import { PreferencesForm } from "./preferences-form";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

export default async function NotificationSettingsPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader title="Notifications" description="Choose what reaches your inbox, and whether it is emailed to you." />
      <Card>
        <PreferencesForm initial={await preferencesOf(getDb(), actor.id)} emailConfigured={emailEnabled()} />
      </Card>
    </>
  );
}
