/*
 * A small demo archive of earlier fact-checks (issue #13), written for Factdesk in its own words: the
 * checkers and their sites are invented (example.org domains), a few facts echo the demo story (the
 * 2018 clemency case) so the matcher has something to find on the demo desk. Stored through the same
 * import as any ClaimReview file, so re-seeding updates rather than duplicates.
 */
import type { Db } from "@/db/client";
import { importJsonLd } from "@/lib/factchecks";

const CHECKERS = {
  harbour: { name: "Harbour Fact Desk", url: "https://harbourfacts.example.org" },
  civic: { name: "Civic Checkers", url: "https://civiccheckers.example.org" },
} as const;

type Entry = [slug: string, checker: keyof typeof CHECKERS, date: string, claim: string, headline: string, rating: string, value: number, saidBy: string | null];

const ENTRIES: Entry[] = [
  ["johnson-pardon", "harbour", "2018-06-08", "Alice Marie Johnson received a full presidential pardon in June 2018.", "Was Alice Marie Johnson pardoned, or was her sentence commuted?", "Mostly false: it was a commutation", 2, "Social media posts"],
  ["johnson-age", "civic", "2018-06-12", "Alice Marie Johnson was 63 years old when she left prison in 2018.", "How old was Alice Marie Johnson when she was released?", "True", 5, null],
  ["johnson-first-offense", "harbour", "2018-06-10", "Alice Marie Johnson was serving life without parole for a first-time nonviolent drug offense.", "Was Johnson's life sentence for a first offense?", "True", 5, "Advocacy group statement"],
  ["johnson-years-served", "civic", "2018-06-07", "Alice Marie Johnson had spent more than 21 years in federal prison before her release.", "Did Johnson serve over two decades behind bars?", "True", 5, null],
  ["kardashian-meeting", "harbour", "2018-06-01", "Kim Kardashian West met the president at the White House to ask for clemency for Alice Marie Johnson.", "Did a reality TV star lobby the White House for a prisoner's release?", "True", 5, null],
  ["first-step-act", "civic", "2018-12-21", "The First Step Act lets every federal prisoner go home early.", "Does the First Step Act free all federal inmates early?", "False", 1, "Viral post"],
  ["bridge-toll", "harbour", "2024-02-14", "The Harbour Bridge toll has risen by 40 percent since 2020.", "Has the bridge toll really gone up 40%?", "Mostly true", 4, "City councillor"],
  ["measles-vaccine", "civic", "2023-09-03", "The measles vaccine causes autism in children.", "Is there a link between the measles vaccine and autism?", "False", 1, "Online video"],
  ["water-fluoride", "harbour", "2023-05-19", "The city stopped adding fluoride to tap water last year.", "Did the city end water fluoridation?", "False", 1, "Neighbourhood newsletter"],
  ["school-budget", "civic", "2024-01-30", "The school district cut its budget by 12 million dollars this year.", "Was the school budget cut by $12 million?", "Mixed", 3, "Union flyer"],
  ["wildfire-arson", "harbour", "2023-08-11", "Most of this summer's wildfires were started by arsonists.", "Were the summer wildfires mostly arson?", "Unsupported", 2, "Radio host"],
  ["insulin-price-cap", "civic", "2023-03-02", "Insulin now costs no more than 35 dollars a month for everyone.", "Is insulin capped at $35 for all patients?", "Misleading", 2, "Campaign advert"],
];

export function demoFactcheckFeed() {
  return {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    name: "Factdesk demo archive",
    dataFeedElement: ENTRIES.map(([slug, checker, date, claim, headline, rating, value, saidBy]) => ({
      "@type": "DataFeedItem",
      dateCreated: date,
      item: [
        {
          "@context": "https://schema.org",
          "@type": "ClaimReview",
          url: `${CHECKERS[checker].url}/checks/${slug}`,
          claimReviewed: claim,
          headline,
          datePublished: date,
          author: { "@type": "Organization", ...CHECKERS[checker] },
          reviewRating: { "@type": "Rating", ratingValue: value, bestRating: 5, worstRating: 1, alternateName: rating },
          ...(saidBy ? { itemReviewed: { "@type": "Claim", author: { "@type": "Person", name: saidBy }, datePublished: date } } : {}),
        },
      ],
    })),
  };
}

/** Puts the demo archive in place (idempotent: an unchanged entry is skipped); returns how many it holds. */
export function seedFactchecks(db: Db): number {
  const report = importJsonLd(db, null, demoFactcheckFeed());
  return report.imported + report.updated + report.skipped;
}
