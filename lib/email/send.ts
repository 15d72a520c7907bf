import { createTransport, type Transporter } from "nodemailer";
import type { Delivery } from "@/db/schema";
import type { Sender, SendResult } from "@/lib/delivery/worker";
import type { SmtpConfig } from "./config";
import type { EmailMessage } from "./render";

/** One transport per configuration, pooled, its timeouts inside the delivery loop's per-attempt timeout. */
const transports = new Map<string, Transporter>();

function transportFor(config: SmtpConfig): Transporter {
  const key = JSON.stringify(config);
  let transport = transports.get(key);
  if (!transport) {
    transport = createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.auth,
      connectionTimeout: 8_000,
      greetingTimeout: 8_000,
      socketTimeout: 8_000,
    });
    transports.set(key, transport);
  }
  return transport;
}

/** Sends email and digest deliveries; delivered only when the SMTP server accepted the recipient. */
export function emailSender(config: SmtpConfig): Sender {
  return async (delivery: Delivery): Promise<SendResult> => {
    const message = JSON.parse(delivery.payload) as EmailMessage;
    try {
      const info = await transportFor(config).sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length > 0) return { ok: false, error: `The mail server refused ${rejected.join(", ")}: ${info.response ?? ""}`.trim() };
      return { ok: true };
    } catch (error) {
      // nodemailer's messages name the server's answer, never the password.
      const code = (error as { responseCode?: number }).responseCode;
      return { ok: false, status: code ?? null, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** Closes pooled connections (tests, shutdown). */
export function closeEmailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
