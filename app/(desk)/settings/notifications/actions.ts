"use server";

import { serverAction } from "@/lib/actions/server-action";
import { setPreferences } from "@/lib/notifications/preferences";

/** A person saves their own notification choices (never anyone else's: the actor is the session's). */
export const savePreferencesAction = serverAction({ role: "reporter", message: () => "Your notification choices are saved.", revalidate: ["/settings/notifications"] }, ({ db, actor }, input: unknown) =>
  setPreferences(db, actor, input),
);
