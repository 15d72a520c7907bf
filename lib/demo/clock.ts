/*
 * The demo's history happened over the past weeks, not in the second the seed ran: the seed's
 * synchronous steps run under a clock it sets (`at(hoursAgo)`), so every row the domain functions
 * write (sign-offs, events, assignments, publications, comments) carries a plausible time while
 * going through the same functions, rules and hash chain as real work. Only `new Date()` and
 * `Date.now()` are moved; the real clock is back as soon as `run` returns, or, when it is async (the
 * domain functions answer promises), once its promise settles: only for a seeding process, where
 * nothing else runs meanwhile.
 */
export function withDemoClock<T>(run: (at: (hoursAgo: number) => void) => T, now: number = Date.now()): T {
  const RealDate = globalThis.Date;
  let current = now;
  class DemoDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(current);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return current;
    }
  }
  globalThis.Date = DemoDate as DateConstructor;
  let restoreNow = true;
  try {
    const result = run((hoursAgo) => {
      current = now - Math.round(hoursAgo * 3_600_000);
    });
    if (result instanceof Promise) {
      restoreNow = false;
      return result.finally(() => {
        globalThis.Date = RealDate;
      }) as T;
    }
    return result;
  } finally {
    if (restoreNow) globalThis.Date = RealDate;
  }
}
