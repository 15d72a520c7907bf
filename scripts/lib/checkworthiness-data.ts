import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SentenceContext } from "../../lib/extract/features";
import { parseCsvRecords } from "./csv";
import { seededRandom } from "@/lib/random";

export interface Example {
  text: string;
  label: 0 | 1;
  context: SentenceContext;
  source: "claimbuster" | "clef" | "article";
  /** Transcript file for CLEF, "claimbuster" otherwise; the unit of ranking for MAP. */
  group: string;
}

export interface Splits {
  train: Example[];
  validation: Example[];
  test: Example[];
  heldOutFiles: string[];
  validationFiles: string[];
  /** Sentences dropped because their text also occurs in a later split (see removeLeakage). */
  leakageRemoved: { train: number; validation: number };
}

const repoRoot = path.resolve(__dirname, "../..");
export const datasetsDir = path.resolve(repoRoot, "../shared/datasets");
const claimbusterPath = path.join(datasetsDir, "claimbuster/claimbuster-groundtruth-2class.json");
const clefPath = path.join(datasetsDir, "clef2019/CT19-T1-Training.csv");

export const SPLIT_SEED = 2019;

export function datasetsAvailable(): boolean {
  return existsSync(claimbusterPath) && existsSync(clefPath);
}

export { seededRandom };

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function loadClaimBuster(): Example[] {
  const records = JSON.parse(readFileSync(claimbusterPath, "utf8")) as {
    sentence_id: number;
    label: number;
    text: string;
  }[];
  return records
    .sort((a, b) => a.sentence_id - b.sentence_id)
    .map((r) => ({
      text: r.text,
      label: r.label === 1 ? 1 : 0,
      // Sentences are sampled from many debates without their neighbours.
      context: {},
      source: "claimbuster",
      group: "claimbuster",
    }));
}

function loadClef(): Map<string, Example[]> {
  const records = parseCsvRecords(readFileSync(clefPath, "utf8"));
  const byFile = new Map<string, { line: number; text: string; label: 0 | 1 }[]>();
  for (const r of records) {
    const lines = byFile.get(r.file_name) ?? [];
    lines.push({ line: Number(r.line_number), text: r.text, label: r.label === "1" ? 1 : 0 });
    byFile.set(r.file_name, lines);
  }
  const out = new Map<string, Example[]>();
  for (const [file, lines] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    lines.sort((a, b) => a.line - b.line);
    out.set(
      file,
      lines.map((l, i) => ({
        text: l.text,
        label: l.label,
        context: { previous: lines[i - 1]?.text, next: lines[i + 1]?.text, fromTranscript: true },
        source: "clef",
        group: file,
      })),
    );
  }
  return out;
}

/**
 * The key under which two sentences count as the same text: Unicode-normalised,
 * lower-cased, every run of characters that are not letters or digits collapsed
 * to one space, trimmed. "Thank you." and "thank  you!" share a key; so do
 * straight and curly apostrophes.
 */
export function normalizeSentence(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Makes the splits disjoint by text. The two datasets overlap (ClaimBuster samples
 * the same 2016 debates that CLEF transcribes), so a split by transcript or by a
 * shuffle alone still lets the same sentence sit on both sides. Test is never
 * changed; validation loses every sentence whose normalised text occurs in test;
 * train loses every sentence whose text occurs in test or in validation, so the
 * hyper-parameter search does not see its own validation sentences either. Order
 * is preserved, so the result is as deterministic as the input.
 */
export function removeLeakage<T extends { text: string }>(
  splits: { train: T[]; validation: T[]; test: T[] },
): { train: T[]; validation: T[]; removed: { train: number; validation: number } } {
  const testKeys = new Set(splits.test.map((e) => normalizeSentence(e.text)));
  const validation = splits.validation.filter((e) => !testKeys.has(normalizeSentence(e.text)));
  const laterKeys = new Set([...testKeys, ...validation.map((e) => normalizeSentence(e.text))]);
  const train = splits.train.filter((e) => !laterKeys.has(normalizeSentence(e.text)));
  return {
    train,
    validation,
    removed: { train: splits.train.length - train.length, validation: splits.validation.length - validation.length },
  };
}

/**
 * CLEF transcripts are split by file (every fifth file, in name order, starting at
 * the third, is held out; every fifth starting at the fifth is validation), ClaimBuster
 * by a seeded shuffle (20% test, 10% validation). Then removeLeakage drops from
 * train and validation every sentence whose text is also in a later split. Held-out
 * transcripts stay whole (MAP ranks every line); training CLEF lines keep their
 * transcript neighbours as context even where a neighbour itself was dropped.
 */
export function loadSplits(): Splits {
  const clef = loadClef();
  const files = [...clef.keys()];
  const heldOutFiles = files.filter((_, i) => i % 5 === 2);
  const validationFiles = files.filter((_, i) => i % 5 === 4);
  const raw = { train: [] as Example[], validation: [] as Example[], test: [] as Example[] };
  for (const [file, examples] of clef) {
    const bucket = heldOutFiles.includes(file)
      ? raw.test
      : validationFiles.includes(file)
        ? raw.validation
        : raw.train;
    bucket.push(...examples);
  }
  const claimbuster = shuffle(loadClaimBuster(), seededRandom(SPLIT_SEED));
  const testEnd = Math.round(claimbuster.length * 0.2);
  const validationEnd = testEnd + Math.round(claimbuster.length * 0.1);
  raw.test.push(...claimbuster.slice(0, testEnd));
  raw.validation.push(...claimbuster.slice(testEnd, validationEnd));
  raw.train.push(...claimbuster.slice(validationEnd));
  const { train, validation, removed } = removeLeakage(raw);
  return { train, validation, test: raw.test, heldOutFiles, validationFiles, leakageRemoved: removed };
}

/**
 * The data for leave-one-transcript-out cross-validation: all 19 CLEF transcripts (lines in order,
 * neighbours as context) and the ClaimBuster sentences split exactly as loadSplits does, its
 * held-out 20% apart (never trained on) and the other 80% (train + validation) for training.
 */
export function loadCrossValidationData(): {
  transcripts: Map<string, Example[]>;
  claimbusterTrain: Example[];
  claimbusterTest: Example[];
} {
  const claimbuster = shuffle(loadClaimBuster(), seededRandom(SPLIT_SEED));
  const testEnd = Math.round(claimbuster.length * 0.2);
  return { transcripts: loadClef(), claimbusterTrain: claimbuster.slice(testEnd), claimbusterTest: claimbuster.slice(0, testEnd) };
}
