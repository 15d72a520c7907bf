import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { claims } from "@/db/schema";
import { matchText } from "./matcher";
import type { Match } from "./types";

/** A claim's possible matches (archive and other desk claims), best first; null when there is no such claim. */
export function matchesForClaim(db: Db, claimId: number, limit?: number): Match[] | null {
  const claim = db.select({ id: claims.id, text: claims.text }).from(claims).where(eq(claims.id, claimId)).get();
  if (!claim) return null;
  return matchText(db, claim.text, { limit, excludeClaimId: claim.id });
}
