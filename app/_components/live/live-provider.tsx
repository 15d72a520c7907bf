"use client";

/**
 * Keeps the page in step with the desk: one Server-Sent Events stream to /api/live, and a debounced
 * router.refresh() when an event touches what the page shows. (First version: renders its children only;
 * the stream follows.)
 */
export function LiveProvider({ children }: { children: React.ReactNode }) {
  return <>{children}</>;
}
