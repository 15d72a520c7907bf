"use server";

import { z } from "zod";
import { formAction } from "@/lib/actions/server-action";
import { markRead } from "@/lib/notifications/notifications";

/** Marks one notification read (the inbox's per-row button) or all of them; plain forms, so they work without JavaScript. */
export const markReadAction = formAction(
  {
    role: "reporter",
    schema: z.object({ id: z.string().optional(), all: z.string().optional() }),
    message: ({ marked }: { marked: number }) => (marked === 1 ? "Marked read." : `${marked} marked read.`),
    revalidate: ["/inbox"],
  },
  ({ db, actor }, fields) => markRead(db, actor, fields.all === "true" ? { all: true } : { ids: [Number(fields.id)] }),
);
