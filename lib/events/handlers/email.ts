import { feedNotificationEmails } from "@/lib/email/feed";
import type { EventHandler } from "../dispatch";

/**
 * Queues the immediate emails of the notifications the notifications handler (just before it in
 * APP_HANDLERS) made for these events. It follows notifications by id rather than by event, so a
 * notification made on a later retry is still mailed (the delivery loop also calls the feeder every
 * tick); queuing is idempotent (one mail per notification). Nothing is queued when SMTP is not configured.
 */
export const emailNotifications: EventHandler = {
  name: "email",
  history: "skip",
  async handle(_events, db) {
    await feedNotificationEmails(db);
  },
};
