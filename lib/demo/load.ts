import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { transact } from "@/lib/core/transaction";
import { type ClaimState } from "@/lib/core/vocabulary";
import type { Actor } from "@/lib/core/actor";
import { createArticle } from "@/lib/articles/articles";
import { createUser } from "@/lib/users/users";
import { assignClaim, submitClaim, transitionClaim, verifyAuditChain } from "@/lib/workflow";
import type { ClaimDetail } from "@/lib/workflow";
import { seededRandom } from "@/lib/random";
import type { Result } from "@/lib/core/result";

/*
 * A desk of any size, made the way a real desk is made: every article, claim, sign-off and assignment
 * goes through the same domain functions the screens and the API call, so every rule, the hash chain
 * and the versions hold exactly as they would in production. Benchmarks and load scripts use it.
 *
 * The text is generated from a seeded random source, so the same --claims and --seed give the same desk.
 */

export const LOAD_PASSWORD = "factdesk-load";
export const CLAIMS_PER_ARTICLE = 25;
/** Claims written per outer transaction; the domain functions' own transactions nest as savepoints. */
const BATCH = 250;

/**
 * Where each claim ends up, and the sign-offs that take it there (about three a claim on average).
 * Weights are out of 100.
 */
const LIFECYCLES: Array<{ weight: number; steps: Array<"review" | "verify" | "return">; final: ClaimState }> = [
  { weight: 12, steps: [], final: "draft" },
  { weight: 13, steps: ["review", "return"], final: "draft" },
  { weight: 20, steps: ["review"], final: "reviewed" },
  { weight: 10, steps: ["review", "return", "review"], final: "reviewed" },
  { weight: 40, steps: ["review", "verify"], final: "verified" },
  { weight: 5, steps: ["review", "verify", "return", "review", "verify"], final: "verified" },
];

export interface LoadOptions {
  claims: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadReport {
  articles: number;
  claims: number;
  signoffs: number;
  assignments: number;
  byState: Record<ClaimState, number>;
  people: { reporters: number; editors: number; password: string };
  audit: { ok: boolean; count: number; headHash: string | null };
  seconds: number;
}

const PLACES = ["Riverton", "Lakeside County", "Port Ellis", "Northfield", "Greyhaven", "Millbrook", "Ashford", "Cedar Falls"];
const BODIES = ["city council", "school board", "transit authority", "health department", "state legislature", "county commission"];
const PEOPLE = ["Mayor Dana Whitfield", "Senator Paul Okoro", "Commissioner Lena Brandt", "Governor Ruth Alvarez", "Councillor Omar Haddad", "Director Mei Tanaka"];
const TOPICS = ["housing", "bus routes", "water rates", "school meals", "road repairs", "library hours", "park maintenance", "policing"];
const TEMPLATES: Array<(pick: <T>(list: T[]) => T, n: () => number) => string> = [
  (pick, n) => `${pick(PEOPLE)} said the ${pick(BODIES)} spent $${n()} million on ${pick(TOPICS)} last year.`,
  (pick, n) => `According to the ${pick(BODIES)}, ${n()} percent of residents in ${pick(PLACES)} now rely on ${pick(TOPICS)} programmes.`,
  (pick, n) => `${pick(PLACES)} has cut its ${pick(TOPICS)} budget by ${n()} percent since ${2000 + (n() % 24)}.`,
  (pick, n) => `${pick(PEOPLE)} claimed that ${n() * 10} families were waiting for help with ${pick(TOPICS)}.`,
  (pick, n) => `The ${pick(BODIES)} voted ${n() % 9}-${n() % 5} to expand ${pick(TOPICS)} in ${pick(PLACES)}.`,
  (pick, n) => `Spending on ${pick(TOPICS)} in ${pick(PLACES)} is the highest in ${n() % 40 + 2} years, ${pick(PEOPLE)} told reporters.`,
];

interface Cast {
  reporters: Actor[];
  editors: Actor[];
}

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo:load could not ${what}: ${result.error.message}`);
  return result.value;
}

/** Load people are created once per database and reused by later loads. */
async function ensureCast(db: Db): Promise<Cast> {
  const { users } = tablesOf(db);
  const cast: Cast = { reporters: [], editors: [] };
  const wanted = [
    ...[1, 2, 3, 4].map((i) => ({ email: `load.reporter${i}@factdesk.test`, name: `Load Reporter ${i}`, role: "reporter" as const })),
    ...[1, 2, 3, 4].map((i) => ({ email: `load.editor${i}@factdesk.test`, name: `Load Editor ${i}`, role: "editor" as const })),
  ];
  for (const person of wanted) {
    const existing = await firstRow(db.select().from(users).where(eq(users.email, person.email)));
    const actor: Actor = existing
      ? { id: existing.id, name: existing.name, email: existing.email, role: existing.role }
      : (({ id, name, email, role }) => ({ id, name, email, role }))(
          must(await createUser(db, null, { ...person, password: LOAD_PASSWORD }), `create ${person.email}`),
        );
    (person.role === "reporter" ? cast.reporters : cast.editors).push(actor);
  }
  return cast;
}

function pickLifecycle(roll: number) {
  let threshold = 0;
  for (const lifecycle of LIFECYCLES) {
    threshold += lifecycle.weight / 100;
    if (roll < threshold) return lifecycle;
  }
  return LIFECYCLES[LIFECYCLES.length - 1];
}

/** Fills the database with `claims` claims in every state, through the domain functions, and verifies the chain. */
export async function loadDemoDesk(db: Db, options: LoadOptions): Promise<LoadReport> {
  const started = performance.now();
  if (!Number.isInteger(options.claims) || options.claims < 1) throw new RangeError("--claims must be a whole number of at least 1");
  const { claims, signoffs } = tablesOf(db);
  const cast = await ensureCast(db);
  const countOf = async (table: typeof claims | typeof signoffs) => (await firstRow(db.select({ n: count() }).from(table)))?.n ?? 0;
  const signoffsBefore = await countOf(signoffs);
  // The desk's size is part of the seed, so a second load into the same database writes new articles
  // (the desk refuses an article whose text it already has) and the same load on the same desk repeats.
  const claimsBefore = await countOf(claims);
  const rand = seededRandom((options.seed ?? 1) * 1_000_003 + claimsBefore);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
  const number = () => 2 + Math.floor(rand() * 97);
  const firstArticle = claimsBefore + 1;

  const report: LoadReport = {
    articles: 0,
    claims: 0,
    signoffs: 0,
    assignments: 0,
    byState: { draft: 0, reviewed: 0, verified: 0 },
    people: { reporters: cast.reporters.length, editors: cast.editors.length, password: LOAD_PASSWORD },
    audit: { ok: false, count: 0, headHash: null },
    seconds: 0,
  };

  // An article carries a few more sentences than it has claims, as real ones do.
  const writeArticle = async (db: Db, index: number, claimCount: number) => {
    const sentences = Array.from({ length: claimCount + 3 }, () => pick(TEMPLATES)(pick, number));
    const reporter = cast.reporters[index % cast.reporters.length];
    const article = must(
      await createArticle(db, reporter, {
        title: `${pick(PLACES)} ${pick(BODIES)} and the ${pick(TOPICS)} debate (load #${firstArticle + index})`,
        body: sentences.join(" "),
        publisher: "Factdesk Load Desk",
        publishedAt: "2026-01-15",
      }),
      `add article ${index + 1}`,
    );
    report.articles += 1;
    return { article, reporter, sentences, claimCount };
  };

  const writeClaim = async (db: Db, article: Awaited<ReturnType<typeof writeArticle>>, sentenceIndex: number) => {
    const { reporter } = article;
    const quote = article.sentences[sentenceIndex];
    const quoteStart = article.article.body.indexOf(quote);
    let claim: ClaimDetail = must(
      await submitClaim(db, reporter, {
        text: quote,
        articleId: article.article.id,
        note: "Submitted by demo:load",
        citations: [
          {
            kind: "origin",
            title: article.article.title,
            publisher: article.article.publisher,
            documentRef: `Article #${article.article.id}`,
            quote,
            articleId: article.article.id,
            quoteStart,
            quoteEnd: quoteStart + quote.length,
            accessedAt: "2026-01-16",
          },
        ],
      }),
      "submit a claim",
    );
    report.signoffs += 1;
    const origin = claim.citations[0].id;
    const lifecycle = pickLifecycle(rand());
    // Two different editors per round: the four-eyes and two-person rules are checked, not bypassed.
    let editorIndex = Math.floor(rand() * cast.editors.length);
    for (const action of lifecycle.steps) {
      const actor = cast.editors[editorIndex % cast.editors.length];
      claim = must(
        await transitionClaim(db, actor, claim.id, {
          action,
          note: action === "return" ? "Returned by demo:load: the source does not say this." : `${action} by demo:load`,
          citationIds: [origin],
          expectedVersion: claim.version,
          ...(action === "verify" ? { verdict: pick(["true", "mostly-true", "mixed", "misleading", "false", "unsupported"] as const) } : {}),
        }),
        `${action} claim #${claim.id}`,
      );
      report.signoffs += 1;
      editorIndex += 1;
    }
    if (claim.state !== "verified" && rand() < 0.6) {
      claim = must(
        await assignClaim(db, cast.editors[0], claim.id, { assigneeId: cast.editors[editorIndex % cast.editors.length].id, expectedVersion: claim.version }),
        `assign claim #${claim.id}`,
      );
      report.assignments += 1;
    }
    report.byState[claim.state] += 1;
    report.claims += 1;
  };

  let article: Awaited<ReturnType<typeof writeArticle>> | null = null;
  let used = 0;
  // A batch of claims per transaction (the domain functions' own transactions nest in it as
  // savepoints): one commit per batch instead of one per step.
  for (let batchStart = 0; batchStart < options.claims; batchStart += BATCH) {
    const batch = await transact(db, async (tx) => {
      for (let i = batchStart; i < Math.min(options.claims, batchStart + BATCH); i++) {
        if (!article || used === article.claimCount) {
          article = await writeArticle(tx, report.articles, Math.min(CLAIMS_PER_ARTICLE, options.claims - i));
          used = 0;
        }
        await writeClaim(tx, article, used++);
      }
    });
    if (!batch.ok) throw new Error(`demo:load was refused: ${batch.error.message}`);
    options.onProgress?.(report.claims, options.claims);
  }

  const chain = await verifyAuditChain(db);
  report.audit = { ok: chain.ok, count: chain.count, headHash: "headHash" in chain ? (chain.headHash ?? null) : null };
  const signoffsAfter = await countOf(signoffs);
  if (signoffsAfter - signoffsBefore !== report.signoffs) {
    throw new Error(`demo:load wrote ${report.signoffs} sign-offs but the chain grew by ${signoffsAfter - signoffsBefore}`);
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
