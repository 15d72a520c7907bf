import type { Db } from "@/db/client";
import { getArticle } from "@/lib/articles/articles";
import type { Actor } from "@/lib/core/actor";
import { publishSummary } from "@/lib/publish/publish";
import { locateQuote } from "@/lib/validations/quote";
import { setDueDate } from "@/lib/deadlines";
import { assignClaim, submitClaim, transitionClaim } from "@/lib/workflow";

interface Cast {
  reporter: Actor;
  editor: Actor;
  editor2: Actor;
  articleIds: Record<string, number>;
}

/** A seeding step's value; a refusal stops the seed (and rolls it all back: see seedDemo). */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }, what: string): T {
  if (!result.ok) throw new Error(`Seeding ${what} failed: ${result.error.message}`);
  return result.value;
}

/** The origin citation for a sentence of a demo article, with its exact offsets. */
async function originFrom(db: Db, articleId: number, sentence: string) {
  const article = await getArticle(db, articleId);
  if (!article) throw new Error(`No demo article ${articleId}`);
  const offsets = locateQuote(article.body, sentence);
  if (!offsets) throw new Error(`Demo sentence not in article ${articleId}: ${sentence}`);
  return {
    kind: "origin" as const,
    url: article.sourceUrl ?? undefined,
    title: article.title,
    publisher: article.publisher ?? undefined,
    quote: sentence,
    articleId,
    ...offsets,
    accessedAt: "2018-06-07",
  };
}

const CLEMENCY_RECORD = {
  kind: "supports" as const,
  url: "https://www.justice.gov/pardon/clemency-grants-president-donald-j-trump-2017-2021",
  title: "Clemency grants by President Donald J. Trump (2017–2021)",
  publisher: "U.S. Department of Justice, Office of the Pardon Attorney",
  quote: "Commutation of sentence: Alice Marie Johnson, June 6, 2018 (listing entry, paraphrased for the demo).",
  accessedAt: "2018-06-07",
};

/**
 * Claims at every stage of the workflow, including the age and year disagreements between reports,
 * made over the past three weeks (`at(hoursAgo)` sets the demo clock, lib/demo/clock.ts): submitted
 * days ago, reviewed hours later, one returned and re-opened, verified and published, so the
 * dashboard's charts, time in state and the queue's "In state" show real figures on a fresh desk.
 * One draft is past its due date and another is due within hours (assigned to the demo editor).
 */
export async function seedDemoClaims(db: Db, { reporter, editor, editor2, articleIds }: Cast, at: (hoursAgo: number) => void = () => {}): Promise<void> {
  const now = Date.now();
  const submit = async (articleKey: string, text: string, sentence: string, note: string) =>
    must(
      await submitClaim(db, reporter, {
        text,
        articleId: articleIds[articleKey],
        note,
        citations: [await originFrom(db, articleIds[articleKey], sentence)],
      }),
      `claim “${text}”`,
    );

  // Draft: the age disagreement (62 here, 63 in two other reports) waits for review, past its due date.
  at(74);
  const age = await submit(
    "metro-explainer",
    "Alice Marie Johnson was 62 years old when Kim Kardashian lobbied for her release.",
    "Johnson, 62 years old, has now spent 21 years of a life term in federal prison for a drug conviction.",
    "Other reports say 63 — check her date of birth.",
  );
  at(70);
  must(await setDueDate(db, editor, age.id, { dueAt: new Date(now - 6 * 3_600_000).toISOString(), expectedVersion: age.version }), "due date of the age claim");

  // Draft: the year disagreement (sentenced 1996 versus convicted 1997): reviewed, then returned for
  // the docket, assigned to the demo editor and due within hours.
  at(150);
  const year = await submit(
    "forward-prison-reform",
    "Alice Marie Johnson received her life sentence, with no parole, in 1996.",
    "Johnson was sentenced in 1996, and the term was life behind bars with no parole, for a first drug offense.",
    "Metro says she was convicted in 1997; both can be true, check the court record.",
  );
  at(140);
  const yearReviewed = must(
    await transitionClaim(db, editor, year.id, { action: "review", note: "The Forward's date matches its own earlier reporting.", citationIds: year.citations.map((c) => c.id), expectedVersion: year.version }),
    "review of the year claim",
  );
  at(30);
  const yearReturned = must(
    await transitionClaim(db, editor2, year.id, {
      action: "return",
      note: "Metro says convicted in 1997: the docket decides which is right. Back to the reporter for the court record.",
      citationIds: yearReviewed.citations.map((c) => c.id),
      expectedVersion: yearReviewed.version,
    }),
    "return of the year claim",
  );
  at(29);
  const yearAssigned = must(await assignClaim(db, editor2, year.id, { assigneeId: editor.id, expectedVersion: yearReturned.version }), "assignment of the year claim");
  must(await setDueDate(db, editor2, year.id, { dueAt: new Date(now + 5 * 3_600_000).toISOString(), expectedVersion: yearAssigned.version }), "due date of the year claim");

  // Reviewed: waiting for a second editor to verify.
  at(52);
  const served = await submit(
    "memoir-kardashian",
    "Alice Johnson spent 21 years in prison before her release.",
    "Kushner writes that Johnson had become an ordained minister, earned vocational certificates and kept a clean disciplinary record during 21 years in prison.",
    "Matches the Metro figure of 21 years served.",
  );
  at(10);
  must(
    await transitionClaim(db, editor, served.id, {
      action: "review",
      note: "Two independent reports agree on 21 years served.",
      citationIds: served.citations.map((citation) => citation.id),
      expectedVersion: served.version,
    }),
    "review of the 21-years claim",
  );

  // Verified: "pardon" is the wrong word for what happened.
  at(504);
  const pardon = await submit(
    "memoir-kardashian",
    "President Trump pardoned Alice Johnson.",
    "Kushner says Trump called him two days after meeting Kardashian and told him to go ahead with the pardon.",
    "Several reports say pardon, others commutation.",
  );
  at(490);
  const reviewed = must(
    await transitionClaim(db, editor, pardon.id, {
      action: "review",
      note: "The Justice Department's clemency list records a commutation, not a pardon.",
      citations: [CLEMENCY_RECORD],
      expectedVersion: pardon.version,
    }),
    "review of the pardon claim",
  );
  at(470);
  must(
    await transitionClaim(db, editor2, pardon.id, {
      action: "verify",
      verdict: "misleading",
      note: "Her sentence was commuted in 2018; a full pardon is a different act and was not granted then.",
      citationIds: reviewed.citations.map((citation) => citation.id),
      expectedVersion: reviewed.version,
    }),
    "verification of the pardon claim",
  );

  // Verified true.
  at(288);
  const charles = await submit(
    "forward-prison-reform",
    "Charles Kushner spent 14 months in prison in 2005 and 2006.",
    "Kushner's father, Charles Kushner, spent 14 months in prison in 2005 and 2006.",
    "Family background, widely reported.",
  );
  at(280);
  const charlesReviewed = must(
    await transitionClaim(db, editor2, charles.id, {
      action: "review",
      note: "Consistent with contemporaneous coverage of his sentencing.",
      citationIds: charles.citations.map((citation) => citation.id),
      expectedVersion: charles.version,
    }),
    "review of the Charles Kushner claim",
  );
  at(262);
  must(
    await transitionClaim(db, editor, charles.id, {
      action: "verify",
      verdict: "true",
      note: "Sentenced to two years in 2005, released to a halfway house after 14 months.",
      citationIds: charlesReviewed.citations.map((citation) => citation.id),
      expectedVersion: charlesReviewed.version,
    }),
    "verification of the Charles Kushner claim",
  );

  // Published: the memoir article's fact-check, so the public pages have something to show.
  at(240);
  must(
    await publishSummary(db, editor, articleIds["memoir-kardashian"], {
      title: "Did President Trump pardon Alice Johnson?",
      introduction:
        "Jared Kushner's memoir describes the 2018 decision as a pardon. The Justice Department's records show a commutation: her life sentence was cut short, but her conviction stands.",
    }),
    "publication of the memoir fact-check",
  );
}
