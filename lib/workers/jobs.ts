/**
 * The jobs a worker thread runs (lib/workers/run.ts): pure functions of their input, no database,
 * so a job that runs past its time budget can be stopped without leaving anything half-written.
 * Each imports what it needs on first use: a thread that only extracts never loads the file readers.
 */
import type { Candidate, SentenceFacts } from "@/lib/extract";
import type { IngestedArticle, UploadedFile } from "@/lib/ingest";
import type { Result } from "@/lib/core/result";

const JOBS = {
  /** An article's facts for the conflict check (lib/articles/facts.ts stores them). */
  facts: async (input: { title: string; body: string }): Promise<SentenceFacts[]> => (await import("@/lib/extract/conflicts")).extractFacts(input),
  /** An article's sentences with scores and boilerplate marks, and the facts each states. */
  candidates: async (input: { title: string; body: string }): Promise<{ candidates: Candidate[]; facts: SentenceFacts[] }> => {
    const [{ extractCandidates }, { extractFacts }] = await Promise.all([import("@/lib/extract/candidates"), import("@/lib/extract/conflicts")]);
    return { candidates: extractCandidates(input.body), facts: extractFacts(input) };
  },
  /** An uploaded file's text and metadata, or why it was refused. */
  ingest: async (input: UploadedFile): Promise<Result<IngestedArticle>> => (await import("@/lib/ingest/ingest")).ingestFile(input),
  /** Loads every job's modules, so the first real job does not pay for it. */
  warm: async (): Promise<boolean> => {
    await Promise.all([import("@/lib/extract/candidates"), import("@/lib/extract/conflicts"), import("@/lib/ingest/ingest")]);
    return true;
  },
  /** Tests: a job that never finishes, to prove the time budget. */
  spin: async (input: { ms: number }): Promise<number> => {
    const until = Date.now() + input.ms;
    let n = 0;
    while (Date.now() < until) n += 1;
    return n;
  },
};

export type JobName = keyof typeof JOBS;
export type JobInput<J extends JobName> = Parameters<(typeof JOBS)[J]>[0];
export type JobOutput<J extends JobName> = Awaited<ReturnType<(typeof JOBS)[J]>>;

export async function runJob<J extends JobName>(job: J, input: JobInput<J>): Promise<JobOutput<J>> {
  const run = JOBS[job] as ((input: JobInput<J>) => Promise<JobOutput<J>>) | undefined;
  if (!run) throw new Error(`Unknown job ${String(job)}`);
  return run(input);
}
