import { describe, expect, it } from "vitest";
import { extractFacts } from "@/lib/extract";
import { runInWorker } from "./run";

const ARTICLE = {
  title: "Freed",
  body: "Alice Marie Johnson, a 63-year-old great-grandmother, walked out of prison on Wednesday. Johnson was sentenced in 1996 to life.",
};

describe("runInWorker", () => {
  it("runs a job on another thread and returns what it would have returned here", async () => {
    const result = await runInWorker("facts", ARTICLE, { timeMs: 60_000, label: "Extracting facts" });
    expect(result).toEqual({ ok: true, value: extractFacts(ARTICLE) });
  }, 90_000);

  it("stops a job past its time budget with a clear error, without blocking this thread meanwhile", async () => {
    await runInWorker("spin", { ms: 1 }, { timeMs: 60_000, label: "Warming up" });
    let ticks = 0;
    let worstGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
      ticks += 1;
    }, 10);
    const started = performance.now();
    const result = await runInWorker("spin", { ms: 60_000 }, { timeMs: 800, label: "Reading huge.docx" });
    const took = performance.now() - started;
    clearInterval(timer);
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: "invalid", message: expect.stringMatching(/^Reading huge\.docx took longer than 0\.8 s/) }),
    });
    expect(took).toBeLessThan(5_000);
    // The thread kept its timers running while the job spun elsewhere.
    expect(ticks).toBeGreaterThan(20);
    expect(worstGap).toBeLessThan(500);

    // A stopped thread is replaced: the next job still runs.
    expect(await runInWorker("spin", { ms: 1 }, { timeMs: 60_000, label: "After" })).toMatchObject({ ok: true });
  }, 120_000);
});
