import "server-only";
import { getDb } from "@/db/client";
import { smtpConfig } from "@/lib/email/config";
import { feedDigests, feedNotificationEmails } from "@/lib/email/feed";
import { emailSender } from "@/lib/email/send";
import { webhookSender } from "@/lib/webhooks/send";
import { startLoop } from "./loop";
import { runDeliveryPass, type DeliveryPassOptions } from "./worker";

/**
 * The server's delivery loop: each tick queues what became due (late notifications' mails, daily
 * digests) and sends the due deliveries: webhooks always, email only when SMTP is configured (rows
 * queued before it was turned off wait for it to come back).
 */
/** Digests are looked for once a minute, not every tick: one read per "daily" person each time. */
const DIGEST_CHECK_MS = 60_000;
let digestsCheckedAt = 0;

export async function deliveryTick(): Promise<void> {
  const db = getDb();
  await feedNotificationEmails(db);
  if (Date.now() - digestsCheckedAt >= DIGEST_CHECK_MS) {
    digestsCheckedAt = Date.now();
    await feedDigests(db);
  }
  const smtp = smtpConfig();
  const senders: DeliveryPassOptions["senders"] = { webhook: webhookSender(db) };
  if (smtp) senders.email = senders.digest = emailSender(smtp);
  await runDeliveryPass(db, { senders });
}

/** Once per server process, from instrumentation.ts. */
export function startDeliveryWorker(): void {
  startLoop(deliveryTick);
}
