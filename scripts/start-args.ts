/**
 * The `next start` arguments for the environment: PORT (default 3000) and, when set, HOSTNAME (the
 * address to listen on, as Next's standalone server reads it). Without HOSTNAME Next listens on
 * every interface, as before.
 */
export function nextStartArgs(env: Record<string, string | undefined>): string[] {
  const port = env.PORT?.trim() || "3000";
  const host = env.HOSTNAME?.trim();
  return ["start", "-p", port, ...(host ? ["-H", host] : [])];
}
