/**
 * The committed matcher (lib/match/model/matching.json) against plain BM25 on CLEF 2020 Task 2 dev/
 * (197 tweets against the 10,375 Snopes fact-checks), MAP@k side by side, and the "checked before"
 * threshold's precision and recall on dev. Train figures are shown for reference. Test tweets are never read.
 *
 * Plain BM25 is shown twice: over the raw tweet (every word OR-ed, as the dataset README's 0.775
 * reference), and over the normalised tweet (links, signature, # and @ handled) that the matcher starts from.
 */
import { rankArchive, prepareQuery } from "@/lib/match/matcher";
import { margins, matchingModel } from "@/lib/match/model";
import { ftsOrQuery, words } from "@/lib/match/normalize";
import { archiveDatabase, datasetAvailable, datasetDir, loadQueries, loadVerifiedClaims, type Query } from "./matching/data";
import { mapAtK, thresholdFigures } from "./matching/evaluate";
import { absentCandidates } from "./train-matching";
import { bm25ModelFile, modelWith } from "./matching/evaluate";

const KS = [1, 3, 5, 10, 20];
const f4 = (x: number) => x.toFixed(4);

function main() {
  if (!datasetAvailable()) {
    console.log(`dataset not found in ${datasetDir}, skipping evaluation`);
    return;
  }
  const model = matchingModel();
  const claims = loadVerifiedClaims();
  const archive = archiveDatabase(claims);
  const { db, idOf } = archive;
  const rawBm25 = db.$client.prepare<[string, number], { id: number }>("SELECT rowid AS id FROM factchecks_fts WHERE factchecks_fts MATCH ? ORDER BY rank LIMIT ?");

  const table: string[] = [];
  for (const split of ["dev", "train"] as const) {
    const queries = loadQueries(split);
    const matcher: { ranked: string[]; relevant: Set<string> }[] = [];
    const bm25: typeof matcher = [];
    const raw: typeof matcher = [];
    const present: { scores: number[]; labels: number[] }[] = [];
    let elapsed = 0;
    for (const q of queries) {
      const started = performance.now();
      const ranked = rankArchive(db, prepareQuery(q.text, model), model);
      elapsed += performance.now() - started;
      matcher.push({ ranked: ranked.map((c) => idOf.get(c.id)!), relevant: q.relevant });
      bm25.push({ ranked: [...ranked].sort((a, b) => b.bm25 - a.bm25 || a.id - b.id).map((c) => idOf.get(c.id)!), relevant: q.relevant });
      const rawQuery = ftsOrQuery([...new Set(words(q.text))], 1000);
      raw.push({ ranked: rawQuery ? rawBm25.all(rawQuery, 20).map((r) => idOf.get(r.id)!) : [], relevant: q.relevant });
      present.push({ scores: ranked.slice(0, 3).map((c) => c.score), labels: ranked.slice(0, 3).map((c) => (q.relevant.has(idOf.get(c.id)!) ? 1 : 0)) });
    }
    const row = (name: string, r: typeof matcher) => `| ${split} | ${name} | ${KS.map((k) => f4(mapAtK(r, k))).join(" | ")} |`;
    table.push(row("matcher (BM25 top " + model.file.candidates + " + reranker)", matcher), row("plain BM25, normalised tweet", bm25), row("plain BM25, raw tweet", raw));
    console.log(`${split}: ${queries.length} tweets, matcher ${(elapsed / queries.length).toFixed(1)} ms a tweet on this machine`);
    if (split === "dev") {
      const absent = absentCandidates(archive, queries as Query[], modelWith(bm25ModelFile(model.idf, model.file.candidates)), model.file.candidates);
      // Re-score the absent lists with the committed model (absentCandidates extracts features only).
      const absentScores = queries.map((q) => {
        const list = absent.find((l) => l.query.id === q.id)!;
        const z = list.rows.map((r) => model.linear(r.features));
        const lead = margins(z);
        return z.map((v, i) => model.calibrated(v, lead[i])).sort((a, b) => b - a).slice(0, 3);
      });
      const fig = thresholdFigures(present, absentScores, model.file.threshold);
      const presentOnly = thresholdFigures(present, [], model.file.threshold);
      console.log(
        `"checked before" threshold ${model.file.threshold} (calibrated score), dev: precision ${f4(fig.precision)}, recall ${f4(fig.recall)}, ` +
          `false alarms on tweets whose fact-check was removed ${f4(fig.falseAlarmRate)}; precision with every fact-check present ${f4(presentOnly.precision)}`,
      );
    }
  }
  console.log(`\n| split | ranking | ${KS.map((k) => `MAP@${k}`).join(" | ")} |\n| --- | --- | ${KS.map(() => "---").join(" | ")} |`);
  console.log(table.join("\n"));
}

main();
