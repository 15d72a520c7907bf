import { clientAddress } from "@/lib/http/trusted-proxy";

/**
 * The address sign-in throttling counts against: the TCP peer (stamped on each request by
 * instrumentation.ts), or, when that peer is a proxy the operator declared trusted
 * (FACTDESK_TRUSTED_PROXY), the client it names in X-Forwarded-For. Null when unknown.
 */
export function requestClientAddress(headers: Pick<Headers, "get">): string | null {
  return clientAddress(headers);
}
