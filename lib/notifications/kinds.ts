/**
 * What a notification tells its reader, one kind for each reason the issue names. Kept free of
 * imports so the schema can type its column with it; labels are what the settings page shows.
 */
export const NOTIFICATION_KINDS = [
  "assigned",
  "mentioned",
  "reviewed",
  "verified",
  "returned",
  "followed_changed",
  "summary_stale",
  "due_soon",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  assigned: "A claim is assigned to me",
  mentioned: "Someone mentions me in a comment",
  reviewed: "A claim I submitted is reviewed",
  verified: "A claim I submitted is verified",
  returned: "A claim I submitted is returned",
  followed_changed: "A claim I follow changes state",
  summary_stale: "A claim in a summary I published is returned (the summary needs republishing)",
  due_soon: "A claim assigned to me is due soon",
};

/** How a person gets their notifications by email (sent by lib/email): never, one mail each, or one digest a day. */
export const EMAIL_MODES = ["off", "immediate", "daily"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** Why someone follows a claim: they did something to it, or chose to. */
export const FOLLOW_REASONS = ["submitted", "reviewed", "assigned", "commented", "chose"] as const;
export type FollowReason = (typeof FOLLOW_REASONS)[number];
