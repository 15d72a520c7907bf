"use server";

import { serverAction } from "@/lib/actions/server-action";
import { updateDeadlineSettings } from "@/lib/deadlines/settings";

/** An admin saves the desk's targets (updateDeadlineSettings checks the role and the values, like PUT /api/v1/deadlines/targets). */
export const saveTargetsAction = serverAction(
  { role: "admin", message: () => "The desk's targets are saved.", revalidate: ["/admin/targets", "/queue", "/"] },
  ({ db, actor }, input: unknown) => updateDeadlineSettings(db, actor, input),
);
