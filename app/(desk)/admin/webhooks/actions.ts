"use server";

import { revalidatePath } from "next/cache";
import { toId } from "@/lib/core/ids";
import { fail } from "@/lib/core/result";
import { formAction, serverAction } from "@/lib/actions/server-action";
import { createWebhook, deleteWebhook, replayDelivery, setWebhookActive, type WebhookSummary } from "@/lib/webhooks/webhooks";

// Webhooks are not domain events: the actions refresh the webhook pages themselves.
const admin = { role: "admin", revalidate: ["/admin/webhooks"] } as const;

export type CreatedWebhook = { id: number; url: string; secret: string };

export const createWebhookAction = serverAction(
  { ...admin, output: (hook: WebhookSummary & { secret: string }): CreatedWebhook => ({ id: hook.id, url: hook.url, secret: hook.secret }) },
  ({ db, actor }, input: unknown) => createWebhook(db, actor, input),
);

export const deleteWebhookAction = formAction({ ...admin, message: (hook: WebhookSummary) => `Deleted the webhook to ${hook.url}; nothing more is sent to it.` }, ({ db, actor }, fields) => {
  const id = toId(fields.webhookId);
  return id === null ? fail("not_found", "No such webhook.") : deleteWebhook(db, actor, id);
});

export const setWebhookActiveAction = formAction(
  { ...admin, message: (hook: WebhookSummary) => (hook.active ? `Resumed: ${hook.url} gets events again.` : `Paused: ${hook.url} gets nothing until resumed.`) },
  ({ db, actor }, fields) => {
    const id = toId(fields.webhookId);
    return id === null ? fail("not_found", "No such webhook.") : setWebhookActive(db, actor, id, fields.active === "true");
  },
);

export const replayDeliveryAction = formAction(
  { role: "admin", message: () => "Queued: it is sent again within a few seconds." },
  async ({ db, actor }, fields) => {
    const webhookId = toId(fields.webhookId);
    const deliveryId = toId(fields.deliveryId);
    if (webhookId === null || deliveryId === null) return fail("not_found", "No such delivery.");
    const replayed = await replayDelivery(db, actor, webhookId, deliveryId);
    if (replayed.ok) revalidatePath(`/admin/webhooks/${webhookId}`);
    return replayed;
  },
);
