import { clientAddress } from "@/lib/http/trusted-proxy";

/**
 * The header the Factdesk server (scripts/serve.mjs, what `npm start` runs) sets on every request to
 * the TCP peer's address, overwriting whatever the client sent. Next's own server only fills in
 * X-Forwarded-For when the request has none, so that header alone is the client's to choose.
 */
export const PEER_HEADER = "x-factdesk-peer";

/** The address sign-in throttling counts against: the peer, or what a trusted proxy says the client was. */
export function requestClientAddress(headers: Headers): string | null {
  const peer = headers.get(PEER_HEADER) ?? headers.get("x-forwarded-for")?.split(",").pop() ?? null;
  return clientAddress(headers, peer);
}
