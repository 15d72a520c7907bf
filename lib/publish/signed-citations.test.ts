import { eq, sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import { engineOf, tablesOf } from "@/db/tables";
import { onEveryEngine } from "@/lib/testing/engines";
import { addCitations, transitionClaim } from "@/lib/workflow";
import { citation } from "@/lib/workflow/test-fixtures";
import type { ClaimDetail } from "@/lib/workflow/types";
import { summaryToJson } from "./export";
import { summaryToMarkdown } from "./markdown";
import { publishSummary } from "./publish";
import { getPublicSummary } from "./queries";
import { buildSnapshot, parseSnapshot } from "./snapshot";
import { signedCitationIds } from "./signed-citations";
import { createPublishDeskOn, unwrap, type PublishDesk } from "./test-helpers";

const INTRO = "Reports about the 2018 clemency disagreed on small facts; here is what we checked.";
const UNVETTED = citation({ url: "https://unvetted.example/rumour", title: "A blog nobody checked", quote: "She was pardoned, full stop." });
const options = { baseUrl: "https://factcheck.example", orgName: "Example Fact Desk" };

// One database per engine; each test has its own desk. Tests that rewrite a publication drop its immutability trigger, which later tests do not rely on.
onEveryEngine("only sources a sign-off rests on are published", (database) => {
  let desk: PublishDesk;
  let claim: ClaimDetail;
  beforeEach(async () => {
    desk = await createPublishDeskOn(database());
    claim = await desk.verified("Alice Marie Johnson served more than 21 years in prison.", "true");
  }, 60_000);

  /** Lets the test rewrite a publication as the old code stored it (publications are otherwise immutable). */
  async function allowRewritingPublications(db: Db): Promise<void> {
    if (engineOf(db) === "postgres") await (db as unknown as PgExecutor).execute(sql`DROP TRIGGER IF EXISTS publications_no_update ON publications`);
    else db.$client.exec("DROP TRIGGER IF EXISTS publications_no_update"); // sqlite-branch
  }

  /** The submitter attaches a source to the verified claim: allowed, but no sign-off rests on it. */
  async function attachUnvetted(): Promise<{ claim: ClaimDetail; citationId: number }> {
    const updated = unwrap(await addCitations(desk.db, desk.reporter, claim.id, { citations: [UNVETTED], expectedVersion: claim.version }));
    return { claim: updated, citationId: updated.citations.find((c) => c.url === UNVETTED.url)!.id };
  }

  const publish = async (input: Record<string, unknown> = {}) =>
    unwrap(await publishSummary(desk.db, desk.editorA, desk.articleId, { title: "What we checked about the clemency", introduction: INTRO, ...input }));

    it("leaves a citation attached after verification out of the snapshot, the page, the JSON and the Markdown", async () => {
      const { citationId } = await attachUnvetted();
      const snapshot = unwrap(await buildSnapshot(desk.db, desk.articleId));
      expect(snapshot.claims[0].citations.map((c) => c.id)).not.toContain(citationId);
      expect(snapshot.claims[0].citations.map((c) => c.kind).sort()).toEqual(["origin", "supports"]);

      const { summary } = await publish();
      const page = (await getPublicSummary(desk.db, summary.slug))!;
      expect(page.claims[0].citations.map((c) => c.url)).not.toContain(UNVETTED.url);
      expect(JSON.stringify(summaryToJson(page, options))).not.toContain("unvetted.example");
      expect(summaryToMarkdown(page, options)).not.toContain("unvetted.example");
    });

    it("a republish after the unvetted source was added shows no new source", async () => {
      await publish();
      await attachUnvetted();
      const built = unwrap(await buildSnapshot(desk.db, desk.articleId));
      const { publications, summaries } = tablesOf(desk.db);
      const [published] = await desk.db
        .select({ snapshot: publications.snapshot })
        .from(publications)
        .innerJoin(summaries, eq(summaries.id, publications.summaryId))
        .where(eq(summaries.articleId, desk.articleId));
      expect(built.claims[0].citations).toEqual(parseSnapshot(published.snapshot).claims[0].citations);
    });

    it("publishes the source once a later sign-off rests on it", async () => {
      const { claim: withSource, citationId } = await attachUnvetted();
      const returned = unwrap(
        await transitionClaim(desk.db, desk.editorA, withSource.id, {
          action: "return",
          note: "A new source says pardon; checking it.",
          citationIds: [citationId],
          expectedVersion: withSource.version,
        }),
      );
      expect(signedCitationIds(returned.signoffs)).toContain(citationId);
      await desk.reverify(returned, "mostly-true");
      expect(unwrap(await buildSnapshot(desk.db, desk.articleId)).claims[0].citations.map((c) => c.id)).toContain(citationId);
    });

    it("hides an unsigned source that a version published before this rule carries", async () => {
      const { summary, publication } = await publish();
      const { citationId } = await attachUnvetted();
      // A snapshot written by the old code, which froze every citation of the claim.
      const old = parseSnapshot(publication.snapshot);
      const leaked = { ...old.claims[0].citations[0], id: citationId, url: UNVETTED.url, title: UNVETTED.title };
      await allowRewritingPublications(desk.db);
      const { publications } = tablesOf(desk.db);
      await desk.db
        .update(publications)
        .set({ snapshot: JSON.stringify({ ...old, claims: [{ ...old.claims[0], citations: [...old.claims[0].citations, leaked] }] }) })
        .where(eq(publications.id, publication.id));
      const page = (await getPublicSummary(desk.db, summary.slug))!;
      expect(page.claims[0].citations.map((c) => c.url)).not.toContain(UNVETTED.url);
      expect(page.claims[0].citations).toHaveLength(2);
    });

    it("drops the appearance such a version copied from an origin citation nobody signed", async () => {
      const { summary, publication } = await publish();
      const { citationId } = await attachUnvetted();
      const old = parseSnapshot(publication.snapshot);
      const claim = old.claims[0];
      const unsignedOrigin = { ...claim.citations[0], id: citationId, kind: "origin" as const, url: UNVETTED.url, title: UNVETTED.title };
      const forged = {
        ...claim,
        appearance: { url: UNVETTED.url, title: UNVETTED.title, publisher: null, quote: unsignedOrigin.quote, datePublished: null },
        citations: [unsignedOrigin, ...claim.citations.filter((c) => c.kind !== "origin")],
      };
      await allowRewritingPublications(desk.db);
      const { publications } = tablesOf(desk.db);
      await desk.db.update(publications).set({ snapshot: JSON.stringify({ ...old, claims: [forged] }) }).where(eq(publications.id, publication.id));
      const page = (await getPublicSummary(desk.db, summary.slug))!;
      expect(page.claims[0].appearance).toBeNull();
      expect(JSON.stringify(page)).not.toContain(UNVETTED.url);
    });
  });
