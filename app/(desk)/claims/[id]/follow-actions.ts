"use server";

import { toId } from "@/lib/core/ids";
import { fail, ok } from "@/lib/core/result";
import { serverAction } from "@/lib/actions/server-action";
import { followClaim, unfollowClaim } from "@/lib/follows/follows";

/** Follow (true) or stop following (false) a claim. */
export const setFollowAction = serverAction<[number, boolean], boolean, boolean>(
  { role: "reporter", output: (following) => following, message: (following) => (following ? "You follow this claim." : "You no longer follow this claim.") },
  async ({ db, actor }, claimId: number, following: boolean) => {
    const id = toId(claimId);
    const want = following === true;
    const done = id != null && (want ? await followClaim(db, actor.id, id) : await unfollowClaim(db, actor.id, id));
    return done ? ok(want) : fail("not_found", "There is no such claim.");
  },
);
