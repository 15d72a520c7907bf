/**
 * A small autocannon-like load generator: `connections` concurrent loops, each fetching the URL
 * back to back until the time is up (keep-alive via Node's fetch), recording every latency.
 */
export interface LoadResult {
  url: string;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export async function load(
  url: string,
  options: { connections: number; durationMs: number; warmupRequests?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const init = { headers: options.headers ?? {} };
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(url)) throw new Error(`Benchmarks only load 127.0.0.1, not ${url}`);
  let bytes = 0;
  for (let i = 0; i < (options.warmupRequests ?? 20); i += 1) {
    // A reused keep-alive socket the server has just closed fails once; warming up is not measured.
    try {
      const response = await fetch(url, init);
      bytes = (await response.arrayBuffer()).byteLength;
    } catch {}
  }
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const response = await fetch(url, init);
          await response.arrayBuffer();
          if (!response.ok) errors += 1;
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    url,
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    bytes,
  };
}

export function formatRow(label: string, result: LoadResult): string {
  return `${label.padEnd(28)} ${result.rps.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(2).padStart(7)} ms   p99 ${result.p99
    .toFixed(2)
    .padStart(7)} ms   ${String(result.bytes).padStart(7)} B   ${result.errors} errors`;
}
