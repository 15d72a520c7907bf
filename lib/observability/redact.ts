/*
 * What must never reach a log line. Two layers: pino's redact removes values under the keys below
 * wherever a caller puts them (one level deep too), and `scrub` rewrites the text of error messages
 * and stacks, which a library may have filled with a URL carrying a password or an Authorization value.
 * Request and response bodies are never logged at all.
 */

const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "accessToken",
  "refreshToken",
  "sessionToken",
  "secret",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "apiKey",
];

const path = (key: string, prefix: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${prefix}${prefix ? "." : ""}${key}` : `${prefix || ""}["${key}"]`);

/** pino's `redact.paths`: each secret key at the top of a line, one object down, and in headers objects two down. */
export const REDACT_PATHS = [
  ...SECRET_KEYS.map((key) => path(key, "")),
  ...SECRET_KEYS.map((key) => path(key, "*")),
  ...SECRET_KEYS.map((key) => path(key, "*.headers")),
];

export const REDACTED = "[redacted]";

const PATTERNS: Array<[RegExp, string]> = [
  // API tokens (lib/tokens: fd_…) and webhook secrets (lib/webhooks: whsec_…).
  [/\bfd_[A-Za-z0-9_-]{8,}/g, `fd_${REDACTED}`],
  [/\bwhsec_[A-Za-z0-9_-]{8,}/g, `whsec_${REDACTED}`],
  // Authorization values and cookies quoted in a message.
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  [/\b(authjs\.[\w.-]*|__Secure-authjs\.[\w.-]*|next-auth\.[\w.-]*)=[^\s;"']+/g, `$1=${REDACTED}`],
  // user:password@ in a URL (SMTP, webhooks).
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*:[^\s/@]*@/gi, `$1${REDACTED}@`],
  // password=…, secret=…, token=… in a query string or a message.
  [/\b(password|passwd|secret|token|api_key|apikey)=[^\s&"']+/gi, `$1=${REDACTED}`],
];

/** The text with every secret-looking part replaced. */
export function scrub(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
