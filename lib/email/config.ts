/*
 * Email is off unless SMTP is configured. Read from the environment on each call (cheap), so tests
 * can set it:
 *   FACTDESK_SMTP_URL       smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 (TLS), or instead
 *   FACTDESK_SMTP_HOST      with FACTDESK_SMTP_PORT (default 587), FACTDESK_SMTP_USER, FACTDESK_SMTP_PASSWORD,
 *                           FACTDESK_SMTP_SECURE=1 (TLS from the start; default only on port 465)
 *   FACTDESK_EMAIL_FROM     the sender, e.g. "Factdesk <factdesk@example.org>" (default Factdesk <factdesk@localhost>)
 *   FACTDESK_DIGEST_HOUR    the UTC hour daily digests go out, 0–23 (default 7)
 *   FACTDESK_PUBLIC_URL     the desk's address in links (lib/publish/config.ts)
 * The password is never logged, nor shown in errors.
 */

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  from: string;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_FROM = "Factdesk <factdesk@localhost>";
export const DEFAULT_DIGEST_HOUR = 7;

/** The SMTP settings, or null when email is off (nothing is queued then). */
export function smtpConfig(env: Env = process.env): SmtpConfig | null {
  const from = env.FACTDESK_EMAIL_FROM?.trim() || DEFAULT_FROM;
  const rawUrl = env.FACTDESK_SMTP_URL?.trim();
  if (rawUrl) {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      console.error("[email] FACTDESK_SMTP_URL is not a URL; email is off");
      return null;
    }
    if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
      console.error("[email] FACTDESK_SMTP_URL must start smtp:// or smtps://; email is off");
      return null;
    }
    const secure = url.protocol === "smtps:";
    const user = decodeURIComponent(url.username);
    return {
      host: url.hostname.replace(/^\[|\]$/g, ""),
      port: Number(url.port) || (secure ? 465 : 587),
      secure,
      ...(user && { auth: { user, pass: decodeURIComponent(url.password) } }),
      from,
    };
  }
  const host = env.FACTDESK_SMTP_HOST?.trim();
  if (!host) return null;
  const port = Number(env.FACTDESK_SMTP_PORT) || 587;
  const user = env.FACTDESK_SMTP_USER?.trim();
  return {
    host,
    port,
    secure: env.FACTDESK_SMTP_SECURE ? env.FACTDESK_SMTP_SECURE === "1" || env.FACTDESK_SMTP_SECURE === "true" : port === 465,
    ...(user && { auth: { user, pass: env.FACTDESK_SMTP_PASSWORD ?? "" } }),
    from,
  };
}

export function emailEnabled(env: Env = process.env): boolean {
  return smtpConfig(env) !== null;
}

export function digestHour(env: Env = process.env): number {
  const raw = env.FACTDESK_DIGEST_HOUR?.trim();
  const hour = raw ? Number(raw) : NaN;
  return Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : DEFAULT_DIGEST_HOUR;
}
