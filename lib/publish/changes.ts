import { VERDICT_LABEL } from "@/lib/core/vocabulary";
import type { SummaryChange, SummarySnapshot } from "./types";

function quoteShort(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat}”`;
}

interface VersionContent {
  title: string;
  introduction: string;
  snapshot: SummarySnapshot;
}

/** What changed from one published version to the next, for the public corrections log. */
export function diffVersions(before: VersionContent, after: VersionContent): SummaryChange[] {
  const changes: SummaryChange[] = [];
  if (after.snapshot.reinstated) {
    changes.push({ kind: "reinstated", description: "Summary published again after it had been withdrawn" });
  }
  if (before.title !== after.title) {
    changes.push({ kind: "title", description: `Title changed from ${quoteShort(before.title)} to ${quoteShort(after.title)}` });
  }
  if (before.introduction !== after.introduction) {
    changes.push({ kind: "introduction", description: "Introduction rewritten" });
  }
  const old = new Map(before.snapshot.claims.map((claim) => [claim.id, claim]));
  const now = new Map(after.snapshot.claims.map((claim) => [claim.id, claim]));
  for (const claim of after.snapshot.claims) {
    const previous = old.get(claim.id);
    if (!previous) {
      changes.push({
        kind: "added",
        claimId: claim.id,
        description: `Claim added (${VERDICT_LABEL[claim.verdict]}): ${quoteShort(claim.text)}`,
      });
      continue;
    }
    if (previous.textHash !== claim.textHash) {
      changes.push({
        kind: "text",
        claimId: claim.id,
        description: `Claim reworded from ${quoteShort(previous.text)} to ${quoteShort(claim.text)}`,
      });
    }
    if (previous.verdict !== claim.verdict) {
      changes.push({
        kind: "verdict",
        claimId: claim.id,
        description: `Verdict changed from ${VERDICT_LABEL[previous.verdict]} to ${VERDICT_LABEL[claim.verdict]}: ${quoteShort(claim.text)}`,
      });
    } else if (previous.explanation !== claim.explanation) {
      changes.push({ kind: "explanation", claimId: claim.id, description: `Explanation revised: ${quoteShort(claim.text)}` });
    }
    const oldSources = new Set(previous.citations.map((c) => c.id));
    const newSources = new Set(claim.citations.map((c) => c.id));
    const added = [...newSources].filter((id) => !oldSources.has(id)).length;
    const removed = [...oldSources].filter((id) => !newSources.has(id)).length;
    if (added > 0 || removed > 0) {
      const parts = [added > 0 ? `${added} added` : "", removed > 0 ? `${removed} removed` : ""].filter(Boolean).join(", ");
      changes.push({ kind: "sources", claimId: claim.id, description: `Sources updated (${parts}): ${quoteShort(claim.text)}` });
    }
  }
  for (const claim of before.snapshot.claims) {
    if (!now.has(claim.id)) {
      changes.push({ kind: "removed", claimId: claim.id, description: `Claim removed: ${quoteShort(claim.text)}` });
    }
  }
  return changes;
}
