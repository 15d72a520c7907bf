/**
 * Extraction speed on a 2,000-word article: sentences split and scored per second (split,
 * boilerplate marks, check-worthiness model), and how that compares with splitting alone,
 * measured in the same run.
 *
 *   npm run bench -- extract     (BENCH_SECONDS per measurement, default 2)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_ARTICLES } from "@/lib/demo/seed-data";
import { extractCandidates, splitSentences } from "@/lib/extract";

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const TARGET_WORDS = 2_000;

/** The sample corpus (or the demo articles when it is absent), repeated up to about 2,000 words. */
function article(): { text: string; source: string } {
  const corpusDir = path.resolve(process.cwd(), "../shared/corpus");
  const bodies = existsSync(corpusDir)
    ? readdirSync(corpusDir)
        .filter((name) => name.endsWith(".txt"))
        .sort()
        .map((name) => readFileSync(path.join(corpusDir, name), "utf8"))
    : DEMO_ARTICLES.map((a) => a.body);
  const paragraphs = bodies.flatMap((body) => body.split(/\n\s*\n/)).filter((p) => p.trim());
  const out: string[] = [];
  let words = 0;
  for (let i = 0; words < TARGET_WORDS; i++) {
    const paragraph = paragraphs[i % paragraphs.length];
    out.push(paragraph);
    words += paragraph.split(/\s+/).filter(Boolean).length;
  }
  return { text: out.join("\n\n"), source: existsSync(corpusDir) ? "sample corpus" : "demo articles" };
}

function measure(label: string, fn: () => number): { perSecond: number; msPerRun: number; p50: number; p90: number; min: number } {
  for (let i = 0; i < 5; i++) fn(); // warm-up: JIT, wink's model and the check-worthiness weights
  let sentences = 0;
  const times: number[] = [];
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    const t = performance.now();
    sentences += fn();
    times.push(performance.now() - t);
    elapsed = performance.now() - started;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  // The minimum is the run least disturbed by other processes: on a shared machine it is the closest to the code's own cost.
  const result = { perSecond: (sentences / elapsed) * 1000, msPerRun: elapsed / times.length, p50: at(0.5), p90: at(0.9), min: times[0] };
  console.log(
    `${label.padEnd(34)} ${Math.round(result.perSecond).toLocaleString("en").padStart(10)} sentences/s   ` +
      `min ${result.min.toFixed(2).padStart(6)} ms   p50 ${result.p50.toFixed(2).padStart(6)} ms   p90 ${result.p90.toFixed(2).padStart(6)} ms per article (${times.length} runs)`,
  );
  return result;
}

const { text, source } = article();
const words = text.split(/\s+/).filter(Boolean).length;
const count = splitSentences(text).length;
console.log(`Article: ${words.toLocaleString("en")} words, ${count} sentences (from the ${source}); ${seconds}s per measurement.\n`);

const split = measure("split only", () => splitSentences(text).length);
const scored = measure("split + boilerplate + score", () => extractCandidates(text).length);

console.log(`\nSentences split and scored per second: ${Math.round(scored.perSecond).toLocaleString("en")}`);
console.log(`Split and scored, p50 per 2,000-word article: ${scored.p50.toFixed(2)} ms (target ≤ 10 ms; fastest run ${scored.min.toFixed(2)} ms)`);
console.log(`Ratio to splitting alone: ${(scored.perSecond / split.perSecond).toFixed(3)} (scoring costs ${(scored.msPerRun / split.msPerRun).toFixed(1)}× the time of splitting)`);
