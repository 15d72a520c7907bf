import type { NotificationRow } from "@/db/schema";
import { escapeHtml } from "@/lib/http/escape-html";

/*
 * The mails themselves: plain text with a simple HTML alternative, a link to each claim. Rendered
 * when queued, so what was decided to be sent is what is sent, however late.
 */

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

type Item = Pick<NotificationRow, "message" | "claimId" | "createdAt">;


function linkOf(base: string, item: Item): string {
  return item.claimId === null ? `${base}/inbox` : `${base}/claims/${item.claimId}`;
}

function footer(base: string) {
  const settings = `${base}/settings/notifications`;
  return {
    text: `\n--\nYou get these emails from Factdesk. Choose which, and how often: ${settings}\n`,
    html: `<p style="color:#64748b;font-size:12px">You get these emails from Factdesk. <a href="${escapeHtml(settings)}">Choose which, and how often</a>.</p>`,
  };
}

const oneLine = (text: string, max = 120) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** One notification, one mail (the "immediately" choice). */
export function notificationEmail(to: string, item: Item, base: string): EmailMessage {
  const link = linkOf(base, item);
  const end = footer(base);
  return {
    to,
    subject: `[Factdesk] ${oneLine(item.message)}`,
    text: `${item.message}\n\nOpen it: ${link}\n${end.text}`,
    html: `<p>${escapeHtml(item.message)}</p><p><a href="${escapeHtml(link)}">Open it on Factdesk</a></p>${end.html}`,
  };
}

/** A day's unread notifications in one mail (the "daily digest" choice), oldest first. */
export function digestEmail(to: string, day: string, items: readonly Item[], base: string): EmailMessage {
  const end = footer(base);
  const count = `${items.length} notification${items.length === 1 ? "" : "s"}`;
  return {
    to,
    subject: `[Factdesk] Your daily digest for ${day}: ${count}`,
    text: `Your unread Factdesk notifications (${count}):\n\n${items.map((item) => `- ${item.message}\n  ${linkOf(base, item)}`).join("\n")}\n\nInbox: ${base}/inbox\n${end.text}`,
    html:
      `<p>Your unread Factdesk notifications (${count}):</p><ul>` +
      items.map((item) => `<li>${escapeHtml(item.message)} — <a href="${escapeHtml(linkOf(base, item))}">open</a></li>`).join("") +
      `</ul><p><a href="${escapeHtml(`${base}/inbox`)}">Your inbox</a></p>${end.html}`,
  };
}
