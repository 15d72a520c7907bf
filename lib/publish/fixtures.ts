import type { PublicSummary } from "./types";

/** A two-claim summary (one claim under re-review, version 2 with a correction) for output tests. */
export function sampleSummary(overrides: Partial<PublicSummary> = {}): PublicSummary {
  const person = (name: string, at: string) => ({ name, at });
  return {
    slug: "what-we-checked-about-the-clemency",
    articleId: 3,
    version: 2,
    currentVersion: 2,
    isCurrent: true,
    title: "What we checked about the clemency <script>",
    introduction: "Reports disagreed on her age and on the word “pardon”.",
    correctionNote: "Her age was 63, not 62.",
    publishedAt: "2018-06-10T09:00:00.000Z",
    publishedBy: "Eddie Okafor",
    firstPublishedAt: "2018-06-08T09:00:00.000Z",
    article: {
      id: 3,
      title: "Trump commutes sentence",
      sourceUrl: "https://news.example/clemency",
      publisher: "Example News",
      publishedAt: "2018-06-07",
    },
    claims: [
      {
        id: 11,
        text: "President Trump pardoned Alice Johnson.",
        textHash: "a".repeat(64),
        verdict: "misleading",
        round: 1,
        claimVersion: 4,
        explanation: "Her sentence was commuted; a pardon is a different act.",
        submittedBy: person("Rita Reyes", "2018-06-07T10:00:00.000Z"),
        reviewedBy: person("Eddie Okafor", "2018-06-07T11:00:00.000Z"),
        verifiedBy: person("Elena Marsh", "2018-06-07T12:00:00.000Z"),
        appearance: {
          url: "https://news.example/clemency",
          title: "Trump commutes sentence",
          publisher: "Example News",
          quote: "Trump told him to go ahead with the pardon.",
          datePublished: "2018-06-07",
        },
        citations: [
          {
            id: 21,
            kind: "supports",
            url: "https://www.justice.gov/pardon/clemency-grants",
            documentRef: null,
            title: "Clemency grants",
            publisher: "U.S. Department of Justice",
            quote: "Commutation of sentence: Alice Marie Johnson, June 6, 2018.",
            accessedAt: "2018-06-07",
          },
        ],
        underReReview: false,
        firstPublishedAt: "2018-06-08T09:00:00.000Z",
      },
      {
        id: 12,
        text: "Alice Marie Johnson was 63 years old. </script><b>",
        textHash: "b".repeat(64),
        verdict: "true",
        round: 2,
        claimVersion: 7,
        explanation: "Her date of birth in the court record.",
        submittedBy: person("Rita Reyes", "2018-06-07T10:00:00.000Z"),
        reviewedBy: null,
        verifiedBy: person("Elena Marsh", "2018-06-09T12:00:00.000Z"),
        appearance: null,
        citations: [],
        underReReview: true,
        firstPublishedAt: "2018-06-10T09:00:00.000Z",
      },
    ],
    withdrawn: null,
    corrections: [
      {
        version: 2,
        publishedAt: "2018-06-10T09:00:00.000Z",
        note: "Her age was 63, not 62.",
        changes: [{ kind: "verdict", claimId: 12, description: "Verdict changed from False to True: “Alice Marie Johnson was 63”" }],
      },
    ],
    versions: [
      { version: 1, publishedAt: "2018-06-08T09:00:00.000Z", title: "What we checked" },
      { version: 2, publishedAt: "2018-06-10T09:00:00.000Z", title: "What we checked about the clemency <script>" },
    ],
    reinstated: null,
    ...overrides,
  };
}
