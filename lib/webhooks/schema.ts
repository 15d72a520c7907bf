import { z } from "zod";
import { toWellFormed } from "@/lib/core/well-formed";
import { EVENT_KINDS } from "@/lib/events/kinds";

/** What registering a webhook takes: shared by the admin form (client), the server action and the API. The URL policy is checked on the server (./url-policy.ts). */
export const createWebhookSchema = z.object({
  url: z.string().trim().min(1, "Enter the receiver's URL.").max(2000, "Keep the URL under 2000 characters."),
  eventTypes: z.array(z.enum(EVENT_KINDS, "Choose from the listed event types.")).min(1, "Choose at least one event type.").max(EVENT_KINDS.length),
  description: z.string().overwrite(toWellFormed).trim().max(200, "Keep the description under 200 characters.").default(""),
  active: z.boolean().default(true),
});

export type CreateWebhookInput = z.input<typeof createWebhookSchema>;
