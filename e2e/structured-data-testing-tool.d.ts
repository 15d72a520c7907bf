// Minimal typing for structured-data-testing-tool (no bundled types), as e2e/public-share.spec.ts uses it.
declare module "structured-data-testing-tool" {
  export interface TestResult {
    test: string;
    description?: string;
    passed?: boolean;
  }
  export interface TestResults {
    passed: TestResult[];
    failed: TestResult[];
    warnings: TestResult[];
    schemas: string[];
  }
  export interface Preset {
    name: string;
  }
  /** Resolves with the results when every test passes; rejects with `{ type: "VALIDATION_FAILED", res }` otherwise. */
  export function structuredDataTestHtml(html: string, options?: { presets?: Preset[]; schemas?: string[] }): Promise<TestResults>;
}
declare module "structured-data-testing-tool/presets" {
  import type { Preset } from "structured-data-testing-tool";
  export const Google: Preset;
  export const SocialMedia: Preset;
  export const Twitter: Preset;
  export const Facebook: Preset;
}
