import { z } from "zod";
import { EMAIL_MODES, NOTIFICATION_KINDS, type EmailMode, type NotificationKind } from "./kinds";

/** Shared by the settings form (in the browser), setPreferences and the OpenAPI document: no database here. */
export const preferencesSchema = z.object({
  enabled: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length).meta({ description: "The kinds of notification to get; the others are not created." }),
  emailMode: z.enum(EMAIL_MODES).meta({ description: "off, immediate (one mail each), or daily (one digest)." }),
});

/** What a person chose: which kinds they get, and how by email. Nobody has chosen anything: every kind, no email. */
export interface Preferences {
  enabled: NotificationKind[];
  emailMode: EmailMode;
}
