/**
 * The delivery outbox's vocabulary. Kept free of imports so the schema can type its columns with it.
 */

/** What a delivery row sends: a webhook call, one notification's email, or a person's daily digest. */
export const DELIVERY_CHANNELS = ["webhook", "email", "digest"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** pending: to be (re)tried; delivered: the receiver accepted it; failed: given up on (replay can revive it). */
export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
