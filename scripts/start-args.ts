import os from "node:os";

/**
 * The `next start` arguments for the environment: PORT (default 3000) and, when set, HOSTNAME (the
 * address to listen on, as Next's standalone server reads it). Without HOSTNAME Next listens on
 * every interface, as before. A HOSTNAME that is just the machine's own name is not a choice:
 * Docker exports the container id as HOSTNAME in every container, and listening on it alone would
 * shut out the port mapping.
 *
 * Idle keep-alive connections stay open 65 s instead of Node's 5 s. A client or proxy that reuses a
 * connection just as the server closes it gets a connection reset instead of an answer; proxies and
 * load balancers keep idle upstream connections for up to 60 s (AWS ALB's default), so the server
 * must hold them longer than that.
 */
export const KEEP_ALIVE_MS = 65_000;

export function nextStartArgs(env: Record<string, string | undefined>, machineName = os.hostname()): string[] {
  const port = env.PORT?.trim() || "3000";
  const host = env.HOSTNAME?.trim();
  const chosen = host && host !== machineName ? host : undefined;
  return ["start", "-p", port, ...(chosen ? ["-H", chosen] : []), "--keepAliveTimeout", String(KEEP_ALIVE_MS)];
}
