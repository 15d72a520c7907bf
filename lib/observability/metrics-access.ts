import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { clientAddress } from "@/lib/http/trusted-proxy";

/*
 * Who may read /metrics: it is for the operator's Prometheus, never the public side. With
 * FACTDESK_METRICS_TOKEN set, exactly `Authorization: Bearer <that token>`; unset, only a client on
 * this machine (loopback), as the socket says, or, behind a trusted proxy, as the proxy says: a
 * public request relayed by a proxy on loopback is not a loopback client.
 */

export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 403; message: string };

function isLoopback(address: string | null): boolean {
  if (!address) return false;
  if (isIP(address) === 4) return address.startsWith("127.");
  return address === "::1";
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsAccess(headers: Pick<Headers, "get">, env: Record<string, string | undefined> = process.env): MetricsAccess {
  const token = env.FACTDESK_METRICS_TOKEN?.trim();
  if (token) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
    return match && sameSecret(match[1], token) ? { ok: true } : { ok: false, status: 401, message: "Metrics need Authorization: Bearer <FACTDESK_METRICS_TOKEN>." };
  }
  return isLoopback(clientAddress(headers))
    ? { ok: true }
    : { ok: false, status: 403, message: "Metrics answer only requests from this machine; set FACTDESK_METRICS_TOKEN to scrape them from elsewhere." };
}
