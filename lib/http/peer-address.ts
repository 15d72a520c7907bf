import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { PEER_ADDRESS_HEADER } from "./trusted-proxy";

let installed = false;

/**
 * Stamps every request with the address of the peer that opened the connection, before Next sees
 * it: Node publishes `http.server.request.start` right before the server's "request" event. The
 * stamp replaces whatever a client sent under that name, so it is the socket's word only.
 */
export function stampPeerAddresses(): void {
  if (installed) return;
  installed = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
}
