// Minimal typing for the `jsonld` package (no bundled types), as used by the ClaimReview tests.
declare module "jsonld" {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export function expand(input: unknown, options?: { documentLoader?: DocumentLoader; base?: string }): Promise<Array<Record<string, unknown>>>;
  const jsonld: { expand: typeof expand };
  export default jsonld;
}
