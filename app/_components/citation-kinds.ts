import type { CitationKind } from "@/db/schema";

export const CITATION_KIND_LABEL: Record<CitationKind, string> = {
  origin: "Origin: where the claim was made",
  supports: "Supports the claim",
  refutes: "Refutes the claim",
  context: "Context",
};
