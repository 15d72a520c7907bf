import { importJsonLd } from "@/lib/factchecks";
import { submitClaim } from "@/lib/workflow";
import { demoActor, e2eDb, expect, must, seriousA11yViolations, signInAs, test } from "./fixtures";

/*
 * Has this been checked before? (issue #13) An editor imports a ClaimReview file and sees what was not
 * imported; a reporter is warned about an earlier fact-check while writing a claim; a reviewer attaches a
 * claim's match as a citation in one step. Every run uses its own made-up word, so runs never see each other.
 */

const word = () => `quorblat${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function review(id: string, claimReviewed: string, headline: string) {
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: `https://checks.example.org/${id}`,
    claimReviewed,
    headline,
    datePublished: "2024-04-02",
    author: { "@type": "Organization", name: "Lagoon Fact Check" },
    reviewRating: { "@type": "Rating", ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: "False" },
  };
}

test("an editor imports a ClaimReview feed, follows the progress and sees each item that was not imported", async ({ page }) => {
  const w = word();
  const feed = {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    dataFeedElement: [
      { "@type": "DataFeedItem", item: [review(`${w}-a`, `The ${w} reservoir was drained to fill a golf course.`, `Was the ${w} reservoir drained?`)] },
      { "@type": "DataFeedItem", item: [{ "@type": "ClaimReview", claimReviewed: `A ${w} review without its url` }] },
      { "@type": "DataFeedItem", item: [review(`${w}-b`, `The ${w} ferry doubled its fares overnight.`, `Did the ${w} ferry double fares?`)] },
    ],
  };
  await signInAs(page, "editor");
  await page.goto("/factchecks");
  await expect(page.getByRole("heading", { name: "Fact-checks", level: 1 })).toBeVisible();
  await page.getByLabel("ClaimReview file").setInputFiles({ name: "feed.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(feed)) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("2 imported, 0 updated, 0 unchanged, 1 not imported (listed below).")).toBeVisible();
  await expect(page.getByText("Import progress: 3 of 3 items")).toBeVisible();
  const errors = page.getByRole("region", { name: "Items not imported" });
  await expect(errors.getByRole("listitem")).toHaveText(["Item 1: The ClaimReview has no url (the archive's key)."]);

  await page.getByLabel("Search the archive").fill(`${w} ferry`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: new RegExp(`Did the ${w} ferry double fares\\?`) })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("the submit form warns about an earlier fact-check before the claim is submitted", async ({ page }) => {
  const w = word();
  importJsonLd(e2eDb(), null, [review(`${w}-bridge`, `The ${w} bridge was closed for good after the storm.`, `Is the ${w} bridge closed for good?`)]);
  await signInAs(page, "reporter");
  await page.goto("/claims/new");
  await page.getByLabel("Claim", { exact: true }).fill(`They closed the ${w} bridge for good after that storm`);
  const warning = page.getByRole("region", { name: "Possible matches" });
  await expect(warning.getByText("This may have been checked before")).toBeVisible();
  await expect(warning.getByRole("link", { name: new RegExp(`Is the ${w} bridge closed for good\\?`) })).toHaveAttribute("href", `https://checks.example.org/${w}-bridge`);
  await expect(warning).toContainText("Lagoon Fact Check: False");
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("a reviewer attaches a claim's match as a refuting citation in one step", async ({ page }) => {
  const w = word();
  const db = e2eDb();
  importJsonLd(db, null, [review(`${w}-tunnel`, `The ${w} tunnel flooded because its pumps were sold for scrap.`, `Were the ${w} tunnel pumps sold for scrap?`)]);
  const claim = must(
    await submitClaim(db, demoActor("reporter"), {
      text: `The ${w} tunnel flooded after its pumps were sold for scrap.`,
      citations: [{ kind: "origin", url: "https://news.example.org/tunnel", title: "Tunnel floods", quote: `The ${w} tunnel flooded after its pumps were sold for scrap.` }],
    }),
  );
  await signInAs(page, "editor");
  await page.goto(`/claims/${claim.id}`);
  const panel = page.locator("section", { has: page.getByRole("heading", { name: "Possible matches" }) });
  const item = panel.getByRole("listitem").filter({ hasText: `Were the ${w} tunnel pumps sold for scrap?` });
  await expect(item).toContainText("Lagoon Fact Check");
  await item.getByLabel("Attach as").selectOption("refutes");
  await item.getByRole("button", { name: /Attach .* as a citation/ }).click();
  await expect(item.getByText(/Attached as refutes \(version \d+\)\./)).toBeVisible();
  await expect(page.locator(`li[id^="citation-"]`).filter({ hasText: `Were the ${w} tunnel pumps sold for scrap?` })).toContainText("refutes");
  expect(await seriousA11yViolations(page)).toEqual([]);
});
