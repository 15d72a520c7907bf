import { BlockList, isIP } from "node:net";

/*
 * Which peers may speak for the client through X-Forwarded-For / X-Forwarded-Proto. Only a reverse
 * proxy the operator names in FACTDESK_TRUSTED_PROXY does; anyone else could write those headers.
 *
 *   unset, "" or "false"   no proxy: forwarded headers are ignored (the default)
 *   "loopback"             a proxy on the same machine (127.0.0.0/8, ::1)
 *   "true"                 every peer: only when nothing but the proxy can reach the server
 *   "10.0.0.5, 10.1.0.0/16, loopback"   addresses and CIDR ranges, IPv4 or IPv6
 *
 * The peer's address comes from the socket: instrumentation.ts stamps it on every request as
 * PEER_ADDRESS_HEADER before Next handles it (overwriting anything a client sent), because
 * `next start` hands pages, actions and the proxy no socket.
 */

export const PEER_ADDRESS_HEADER = "x-factdesk-peer-address";

type HeaderSource = Pick<Headers, "get">;

interface TrustSetting {
  all: boolean;
  list: BlockList;
}

const cache = new Map<string, TrustSetting>();

function family(address: string): "ipv4" | "ipv6" | null {
  const kind = isIP(address);
  return kind === 4 ? "ipv4" : kind === 6 ? "ipv6" : null;
}

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`, how dual-stack sockets report IPv4 peers) as plain IPv4. */
function normalize(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

/** Parses a FACTDESK_TRUSTED_PROXY value; throws on an entry that is neither a keyword, an address nor a CIDR range. */
export function parseTrustedProxy(value: string | undefined): TrustSetting {
  const raw = (value ?? "").trim().toLowerCase();
  const known = cache.get(raw);
  if (known) return known;
  const setting: TrustSetting = { all: raw === "true", list: new BlockList() };
  if (raw !== "" && raw !== "false" && raw !== "true") {
    for (const entry of raw.split(",").map((e) => e.trim()).filter(Boolean)) {
      if (entry === "loopback") {
        setting.list.addSubnet("127.0.0.0", 8, "ipv4");
        setting.list.addAddress("::1", "ipv6");
        continue;
      }
      const [address, bits, extra] = entry.split("/");
      const kind = family(normalize(address));
      const prefix = bits === undefined ? null : Number(bits);
      const maxBits = kind === "ipv4" ? 32 : 128;
      if (!kind || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxBits))) {
        throw new Error(`FACTDESK_TRUSTED_PROXY: “${entry}” is not loopback, true, false, an IP address or a CIDR range`);
      }
      if (prefix === null) setting.list.addAddress(normalize(address), kind);
      else setting.list.addSubnet(normalize(address), prefix, kind);
    }
  }
  cache.set(raw, setting);
  return setting;
}

/** Whether the peer at this address is a proxy the operator declared trusted. Unknown peers never are. */
export function isTrustedProxy(remoteAddress: string | null | undefined, setting = parseTrustedProxy(process.env.FACTDESK_TRUSTED_PROXY)): boolean {
  if (!remoteAddress) return false;
  if (setting.all) return true;
  const address = normalize(remoteAddress);
  const kind = family(address);
  return kind != null && setting.list.check(address, kind);
}

/** The address of whoever opened the connection, as stamped by instrumentation.ts; null when unknown. */
export function peerAddress(headers: HeaderSource): string | null {
  const stamped = headers.get(PEER_ADDRESS_HEADER)?.trim();
  return stamped && family(normalize(stamped)) ? normalize(stamped) : null;
}

/**
 * The client's address: the peer itself, unless the peer is a trusted proxy; then X-Forwarded-For is
 * read from the right, skipping further trusted proxies, and the first other address is the client
 * (entries left of it were written by the client and prove nothing). Null when unknown.
 */
export function clientAddress(headers: HeaderSource, remoteAddress: string | null | undefined = peerAddress(headers)): string | null {
  if (!remoteAddress) return null;
  const peer = normalize(remoteAddress);
  if (!isTrustedProxy(peer)) return family(peer) ? peer : null;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  // "Every peer is a proxy" vouches for one hop only: the entry the proxy itself appended. Walking on
  // would end at the leftmost entry, which the client wrote.
  if (parseTrustedProxy(process.env.FACTDESK_TRUSTED_PROXY).all) {
    const nearest = hops.at(-1);
    return nearest && family(nearest) ? nearest : peer;
  }
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    if (!family(hops[i])) return null; // a malformed hop: nothing left of it can be placed
    if (!isTrustedProxy(hops[i]) || i === 0) return hops[i];
  }
  return peer;
}

/** Whether the client reached a trusted proxy over https (the proxy says so in X-Forwarded-Proto). */
export function forwardedOverHttps(headers: HeaderSource, remoteAddress: string | null | undefined = peerAddress(headers)): boolean {
  if (!isTrustedProxy(remoteAddress)) return false;
  // When a proxy appends to a value the client sent, the last entry is the proxy's own word.
  const nearest = (headers.get("x-forwarded-proto") ?? "").split(",").at(-1)?.trim().toLowerCase();
  return nearest === "https";
}
