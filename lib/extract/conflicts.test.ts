import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conflictsBetween, extractFacts, findConflicts, type Conflict } from "./conflicts";
import { corpusAvailable, corpusDir, readCorpus } from "./test-corpus";

const article = (id: string, body: string) => ({ id, title: "", body });

describe("findConflicts", () => {
  it("finds an age disagreement about the same person", () => {
    const conflicts = findConflicts([
      article("a", "Officials said Maria Lopez, a 54-year-old teacher, was elected mayor."),
      article("b", "The new mayor, Maria Lopez, 55 years old, took office on Monday. Lopez, aged 55, is a teacher."),
    ]);
    const fromA = conflicts.filter((c) => c.articleId === "a");
    expect(fromA.length).toBeGreaterThan(0);
    expect(fromA[0]).toMatchObject({ kind: "age", otherArticleId: "b", values: ["54", "55"] });
    expect(conflicts.filter((c) => c.articleId === "b").map((c) => c.values)).toContainEqual(["55", "54"]);
  });

  it("reports offsets of both sentences", () => {
    const a = "Intro line here.\n\nIn 2004, Smith was convicted of fraud.";
    const b = "Smith was sentenced in 2005 to ten years.";
    const [conflict] = findConflicts([article("a", a), article("b", b)]).filter((c) => c.articleId === "a");
    expect(conflict).toMatchObject({ kind: "year", values: ["2004", "2005"], otherArticleId: "b" });
    expect(a.slice(conflict.start, conflict.end)).toBe(conflict.text);
    expect(b.slice(conflict.otherStart, conflict.otherEnd)).toBe(conflict.otherText);
  });

  it("flags different counts for the same event", () => {
    const conflicts = findConflicts([
      article("a", "Brown served 14 months in prison for tax evasion."),
      article("b", "Brown served 18 months in prison after the trial."),
    ]);
    expect(conflicts.map((c) => [c.kind, c.values])).toContainEqual(["number", ["14", "18"]]);
  });

  it("stays quiet when values agree", () => {
    expect(
      findConflicts([
        article("a", "Maria Lopez, a 54-year-old teacher, was elected in 2019."),
        article("b", "Lopez, 54-year-old mayor, was elected in 2019 by a wide margin."),
      ]),
    ).toEqual([]);
  });

  it("stays quiet when the subjects differ", () => {
    expect(
      findConflicts([
        article("a", "Maria Lopez, a 54-year-old teacher, was elected in 2019."),
        article("b", "John Carter, a 61-year-old lawyer, was elected in 2015."),
      ]),
    ).toEqual([]);
  });

  it("does not compare an article with itself", () => {
    expect(
      findConflicts([article("a", "Smith was convicted in 2004. Smith was sentenced in 2005.")]),
    ).toEqual([]);
  });

  it("ignores ages and years that belong to no named subject", () => {
    expect(
      findConflicts([
        article("a", "The 41-year-old star arrived late."),
        article("b", "The 45-year-old star arrived early."),
      ]),
    ).toEqual([]);
  });
});

// The sample corpus lives beside the repo; without it these tests are skipped, and say so.
if (!corpusAvailable) console.warn(`skipping the conflict tests on the sample corpus: ${corpusDir} not found`);
const corpusMissing = corpusAvailable ? "" : ` (skipped: ${corpusDir} not found)`;

describe.skipIf(!corpusAvailable)(`conflicts across the sample corpus (${corpusDir})${corpusMissing}`, () => {
  const conflicts = corpusAvailable ? findConflicts(readCorpus()) : [];

  it("finds that one article says Alice Marie Johnson was 62 and others 63", () => {
    const ages = conflicts.filter((c) => c.kind === "age" && c.articleId === "001");
    expect(ages.map((c) => c.otherArticleId).sort()).toEqual(["003", "004"]);
    for (const c of ages) {
      expect(c.values).toEqual(["62", "63"]);
      expect(c.text).toContain("62-year-old");
    }
  });

  it("finds convicted in 1997 against sentenced in 1996", () => {
    const years = conflicts.filter((c) => c.kind === "year");
    expect(years.map((c) => [c.articleId, c.otherArticleId, c.values])).toEqual(
      expect.arrayContaining([
        ["001", "004", ["1997", "1996"]],
        ["004", "001", ["1996", "1997"]],
      ]),
    );
    expect(years.find((c) => c.articleId === "001")?.text).toBe(
      "In 1997, Johnson was convicted for her role in a multimillion-dollar cocaine ring.",
    );
  });

  it("finds pardon against commutation", () => {
    const actions = conflicts.filter((c) => c.kind === "action" && c.articleId === "003");
    expect(actions.length).toBeGreaterThan(0);
    expect(actions[0].values).toEqual(["pardon", "commutation"]);
  });

  it("raises nothing beyond those facts", () => {
    expect(new Set(conflicts.map((c) => c.kind))).toEqual(new Set(["age", "year", "action"]));
    expect(conflicts.filter((c) => c.kind === "age" && c.articleId === "003").map((c) => c.otherArticleId)).toEqual(["001"]);
  });
});

describe("conflictsBetween (facts looked up by kind and key)", () => {
  // The rule as first written: every sentence of one article against every sentence of the other.
  function bruteForce(articles: Array<{ id: string; title: string; body: string }>): Conflict[] {
    const per = articles.map(extractFacts);
    const out: Conflict[] = [];
    const seen = new Set<string>();
    const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));
    for (let i = 0; i < per.length; i++)
      for (let j = 0; j < per.length; j++) {
        if (i === j || articles[i].id === articles[j].id) continue;
        for (const a of per[i])
          for (const b of per[j])
            for (const fa of a.facts) {
              const same = (f: (typeof b.facts)[number]) => f.kind === fa.kind && f.key === fa.key && overlaps(f.subjects, fa.subjects);
              const fb = b.facts.find((f) => same(f) && f.value !== fa.value);
              if (!fb || b.facts.some((f) => same(f) && f.value === fa.value)) continue;
              const id = `${articles[i].id}:${a.span.start}:${articles[j].id}:${b.span.start}:${fa.kind}`;
              if (seen.has(id)) continue;
              seen.add(id);
              out.push({
                articleId: articles[i].id, start: a.span.start, end: a.span.end, text: a.span.text,
                otherArticleId: articles[j].id, otherStart: b.span.start, otherEnd: b.span.end, otherText: b.span.text,
                kind: fa.kind, values: [fa.value, fb.value],
              });
            }
      }
    return out;
  }

  const SENTENCES = [
    "Maria Lopez, a 54-year-old teacher, was elected in 2019.",
    "Lopez, 55 years old, was elected in 2018 and served 14 months.",
    "Maria Lopez served 18 months in office after she was appointed in 2017.",
    "John Carter, a 61-year-old lawyer, was convicted in 2004 and released in 2010.",
    "Carter was sentenced in 2005 to ten years.",
    "Carter was pardoned by the governor.",
    "The governor commuted his sentence on March 3, 2011.",
    "Lopez was elected on January 5, 2019, officials said.",
    "Share this article on Facebook",
  ];

  it("finds exactly the conflicts of comparing every sentence with every other", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 4 }),
        (bodies) => {
          const articles = bodies.map((sentences, i) => ({ id: String(i), title: i % 2 ? "Lopez" : "", body: sentences.join(i % 2 ? " " : "\n\n") }));
          expect(findConflicts(articles)).toEqual(bruteForce(articles));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gives the same conflicts as findConflicts for one pair, from the first article's side", () => {
    const a = { id: "a", title: "", body: SENTENCES.slice(0, 4).join(" ") };
    const b = { id: "b", title: "", body: SENTENCES.slice(1, 8).join("\n\n") };
    const pair = conflictsBetween("a", extractFacts(a), "b", extractFacts(b));
    expect(pair.length).toBeGreaterThan(0);
    expect(pair).toEqual(findConflicts([a, b]).filter((c) => c.articleId === "a"));
  });
});
