import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Delivery } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";
import type { Sender, SendResult } from "@/lib/delivery/worker";
import { SIGNATURE_HEADER, signatureHeader } from "./signature";
import { checkWebhookUrl } from "./url-policy";

/** Headers besides the signature: the event's kind and the delivery's id, for receivers to route and dedup by. */
export const EVENT_HEADER = "Factdesk-Event";
export const DELIVERY_HEADER = "Factdesk-Delivery";

/** How much of a failing receiver's answer is kept in the log. */
const ERROR_BODY_CHARS = 200;

/**
 * Sends webhook deliveries: POST the recorded body, signed with the hook's secret at send time, and
 * count only a 2xx as delivered (redirects are not followed: a receiver that moved must be updated).
 */
export function webhookSender(db: Db, nowSeconds: () => number = () => Math.floor(Date.now() / 1000)): Sender {
  return async (delivery: Delivery, signal: AbortSignal): Promise<SendResult> => {
    const { webhooks } = tablesOf(db);
    const hook = delivery.webhookId === null ? undefined : await firstRow(db.select().from(webhooks).where(eq(webhooks.id, delivery.webhookId)));
    if (!hook) return { ok: false, error: "The webhook no longer exists." };
    // Not leased while paused (lib/delivery/outbox.ts); paused between the lease and now, it is one failed attempt, retried later.
    if (!hook.active) return { ok: false, error: "The webhook was paused." };
    // Checked again at send time: the policy (environment) may have changed since the hook was registered.
    const url = checkWebhookUrl(hook.url);
    if (!url.ok) return { ok: false, error: url.error.message };
    const body = delivery.payload;
    const type = (JSON.parse(body) as { type?: string }).type ?? "";
    try {
      const response = await fetch(url.value, {
        method: "POST",
        body,
        redirect: "manual",
        signal,
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Factdesk-Webhooks/1",
          [SIGNATURE_HEADER]: signatureHeader(hook.secret, nowSeconds(), body),
          [EVENT_HEADER]: type,
          [DELIVERY_HEADER]: String(delivery.id),
        },
      });
      if (response.status >= 200 && response.status < 300) {
        await response.body?.cancel();
        return { ok: true, status: response.status };
      }
      const text = (await response.text().catch(() => "")).slice(0, ERROR_BODY_CHARS);
      return { ok: false, status: response.status, error: `The receiver answered ${response.status}${text ? `: ${text}` : ""}` };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
      const message = signal.aborted ? "Timed out" : error instanceof Error ? error.message : String(error);
      return { ok: false, error: cause ? `${message}: ${cause}` : message };
    }
  };
}
