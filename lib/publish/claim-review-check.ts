import jsonld, { type DocumentLoader } from "jsonld";

/*
 * Checks ClaimReview JSON-LD the way a consumer reads it: expanded with the `jsonld` package against
 * a local stand-in for the schema.org context (no network), then every required and recommended
 * field looked up by its full IRI. Returns the problems found (empty = valid), so both the unit
 * tests and the Playwright spec can use it.
 */

const S = "https://schema.org/";

const SCHEMA_CONTEXT = {
  "@context": {
    "@vocab": S,
    schema: S,
    url: { "@id": "schema:url", "@type": "@id" },
    datePublished: { "@id": "schema:datePublished", "@type": "schema:Date" },
    dateModified: { "@id": "schema:dateModified", "@type": "schema:Date" },
  },
};

export const offlineSchemaLoader: DocumentLoader = async (url) => {
  if (/^https?:\/\/schema\.org\/?$/.test(url)) return { contextUrl: null, documentUrl: url, document: SCHEMA_CONTEXT };
  throw new Error(`Refused to load ${url}: no network while checking JSON-LD`);
};

type Node = Record<string, unknown>;

export interface ExpectedClaimReview {
  id: number;
  text: string;
  verdictLabel: string;
}

export async function claimReviewProblems(
  data: unknown,
  expected: { orgName: string; pageUrl: string; claims: readonly ExpectedClaimReview[] },
): Promise<string[]> {
  const problems: string[] = [];
  const expanded = (await jsonld.expand(data as object, { documentLoader: offlineSchemaLoader })) as Node[];
  const reviews = expanded.filter((node) => ((node["@type"] as string[] | undefined) ?? []).includes(`${S}ClaimReview`));
  if (reviews.length !== expected.claims.length) problems.push(`expected ${expected.claims.length} ClaimReview nodes, found ${reviews.length}`);

  expected.claims.forEach((claim, index) => {
    const review = reviews[index];
    if (!review) return;
    const where = `ClaimReview ${index + 1}`;
    const one = (node: Node | undefined, property: string, path: string): Node | undefined => {
      const list = node?.[S + property] as Node[] | undefined;
      if (!list || list.length !== 1) {
        problems.push(`${path}.${property}: expected exactly one value, found ${list?.length ?? 0}`);
        return undefined;
      }
      return list[0];
    };
    const literal = (node: Node | undefined, property: string, path: string) => one(node, property, path)?.["@value"];
    const hasType = (node: Node | undefined, type: string, path: string) => {
      if (node && !((node["@type"] as string[] | undefined) ?? []).includes(S + type)) problems.push(`${path}: expected @type ${type}`);
    };
    const isDate = (value: unknown, path: string) => {
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(value)) problems.push(`${path}: expected an ISO date, got ${JSON.stringify(value)}`);
    };

    // Required.
    const reviewed = literal(review, "claimReviewed", where);
    if (reviewed !== claim.text) problems.push(`${where}.claimReviewed: expected ${JSON.stringify(claim.text)}, got ${JSON.stringify(reviewed)}`);
    const url = one(review, "url", where)?.["@id"];
    if (url !== `${expected.pageUrl}#claim-${claim.id}`) problems.push(`${where}.url: expected the claim's anchor, got ${JSON.stringify(url)}`);
    const rating = one(review, "reviewRating", where);
    hasType(rating, "Rating", `${where}.reviewRating`);
    const label = literal(rating, "alternateName", `${where}.reviewRating`);
    if (label !== claim.verdictLabel) problems.push(`${where}.reviewRating.alternateName: expected ${claim.verdictLabel}, got ${JSON.stringify(label)}`);
    // Recommended: the numeric scale.
    const value = Number(literal(rating, "ratingValue", `${where}.reviewRating`));
    const best = Number(literal(rating, "bestRating", `${where}.reviewRating`));
    const worst = Number(literal(rating, "worstRating", `${where}.reviewRating`));
    if (!(worst < best && value >= worst && value <= best)) {
      problems.push(`${where}.reviewRating: ratingValue ${value} must lie within worstRating ${worst} < bestRating ${best}`);
    }
    // Recommended: author, datePublished, itemReviewed (a Claim with appearance, author, datePublished).
    const author = one(review, "author", where);
    hasType(author, "Organization", `${where}.author`);
    const orgName = literal(author, "name", `${where}.author`);
    if (orgName !== expected.orgName) problems.push(`${where}.author.name: expected ${expected.orgName}, got ${JSON.stringify(orgName)}`);
    isDate(literal(review, "datePublished", where), `${where}.datePublished`);
    const item = one(review, "itemReviewed", where);
    hasType(item, "Claim", `${where}.itemReviewed`);
    const appearance = one(item, "appearance", `${where}.itemReviewed`);
    hasType(appearance, "CreativeWork", `${where}.itemReviewed.appearance`);
    const appearanceUrl = one(appearance, "url", `${where}.itemReviewed.appearance`)?.["@id"];
    if (typeof appearanceUrl !== "string" || !/^https?:\/\//.test(appearanceUrl)) {
      problems.push(`${where}.itemReviewed.appearance.url: expected an absolute URL, got ${JSON.stringify(appearanceUrl)}`);
    }
    const claimAuthor = literal(one(item, "author", `${where}.itemReviewed`), "name", `${where}.itemReviewed.author`);
    if (typeof claimAuthor !== "string" || claimAuthor === "") problems.push(`${where}.itemReviewed.author.name: missing`);
    isDate(literal(item, "datePublished", `${where}.itemReviewed`), `${where}.itemReviewed.datePublished`);
  });
  return problems;
}
