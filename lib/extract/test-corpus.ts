import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Test-only helper: the sample corpus lives beside the repo, never inside it.
const repoRoot = path.resolve(__dirname, "../..");
export const corpusDir = path.resolve(repoRoot, "../shared/corpus");
export const corpusAvailable = existsSync(corpusDir);

export function readCorpus(): { id: string; title: string; body: string }[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ id: f.slice(0, 3), title: "", body: readFileSync(path.join(corpusDir, f), "utf8") }));
}

export function corpusArticle(id: string): string {
  const article = readCorpus().find((a) => a.id === id);
  if (!article) throw new Error(`corpus article ${id} missing`);
  return article.body;
}
