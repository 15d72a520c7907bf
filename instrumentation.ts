/** Runs once when the server starts (Next's instrumentation hook), before requests are handled. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseTrustedProxy } = await import("@/lib/http/trusted-proxy");
  const { stampPeerAddresses } = await import("@/lib/http/peer-address");
  const { startOutboxPoller } = await import("@/lib/events/poller");
  const { startDeliveryWorker } = await import("@/lib/delivery/server");
  // A typo here would otherwise surface as an error on every request.
  parseTrustedProxy(process.env.FACTDESK_TRUSTED_PROXY);
  stampPeerAddresses();
  // Changes committed by other processes (the CLI, demo:load) refresh this server's pages too.
  startOutboxPoller();
  // Webhook calls and emails are sent from their outbox here, never inside a request.
  startDeliveryWorker();
}
