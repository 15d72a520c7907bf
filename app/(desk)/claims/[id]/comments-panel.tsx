import { Card } from "@/app/_components/page-header";
import { requirePageActor } from "@/lib/auth/guards";

/** The discussion beside the claim's timeline (separate from sign-offs). First version: the frame only. */
export async function CommentsPanel({ claimId }: { claimId: number }) {
  await requirePageActor();
  return (
    <Card>
      <h2 id={`comments-${claimId}`} className="text-base font-semibold text-slate-900">
        Comments
      </h2>
      <p className="mt-2 text-sm text-slate-600">No comments yet.</p>
    </Card>
  );
}
