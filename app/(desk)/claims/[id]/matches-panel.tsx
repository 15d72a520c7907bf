import { Card } from "@/app/_components/page-header";
import { getDb } from "@/db/client";
import { currentActor } from "@/lib/auth/guards";
import { matchesForClaim } from "@/lib/match";
import { allowedActions, getClaimDetail } from "@/lib/workflow";
import { MatchesList } from "./matches-list";

/**
 * Possible matches of a claim (issue #13): earlier fact-checks from the archive and other claims on the
 * desk, best first, each attachable as a citation (context, supports or refutes) in one step when the
 * rules let this person add citations. Renders nothing when nothing matches.
 */
export async function MatchesPanel({ claimId }: { claimId: number }) {
  const actor = await currentActor();
  if (!actor) return null;
  const db = getDb();
  const claim = await getClaimDetail(db, claimId);
  if (!claim) return null;
  const matches = await matchesForClaim(db, claimId) ?? [];
  if (matches.length === 0) return null;
  const permission = allowedActions(claim, actor).addCitation;
  const cited = new Set(claim.citations.map((c) => c.url).filter(Boolean));
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">Possible matches</h2>
      <p className="mt-0.5 text-sm text-slate-600">Earlier fact-checks and claims on the desk that may settle this claim, most likely first.</p>
      <MatchesList
        claimId={claim.id}
        version={claim.version}
        matches={matches.map((m) => ({ ...m, cited: cited.has(m.url) }))}
        canAttach={permission.allowed}
        whyNot={permission.allowed ? null : permission.reason}
      />
    </Card>
  );
}
