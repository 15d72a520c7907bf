import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CITATION_KINDS, CLAIM_STATES, ONE_TIME_LINK_KINDS, ROLES, SESSION_END_REASONS, SIGNOFF_ACTIONS, VERDICTS } from "@/lib/core/vocabulary";
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from "@/lib/delivery/vocabulary";
import { EVENT_KINDS } from "@/lib/events/kinds";
import { EMAIL_MODES, FOLLOW_REASONS, NOTIFICATION_KINDS } from "@/lib/notifications/kinds";

// Times are ISO-8601 strings (UTC): they sort as text and serialise canonically into the audit chain.
const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: ROLES }).notNull(),
  passwordHash: text("password_hash").notNull(),
  disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
  updatedAt: text("updated_at"),
});

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    attemptedAt: text("attempted_at").notNull(),
    /** Where the attempt came from (see lib/http/trusted-proxy.ts); null for attempts recorded before it was kept. */
    clientAddress: text("client_address"),
    /** An admin cleared the throttle; cleared failures no longer count. */
    clearedAt: text("cleared_at"),
  },
  (t) => [
    index("login_attempts_email_at").on(t.email, t.attemptedAt),
    index("login_attempts_address_at").on(t.clientAddress, t.attemptedAt),
  ],
);

/** Server-side sign-in sessions: the JWT names one by a secret id, and a session ends when its row says so. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id),
    // SHA-256 of the secret session id the JWT carries; the id itself is never stored.
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    /** When the user last proved their password in this session (sign-in or re-authentication). */
    authenticatedAt: text("authenticated_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    userAgent: text("user_agent"),
    clientAddress: text("client_address"),
    revokedAt: text("revoked_at"),
    revokedReason: text("revoked_reason", { enum: SESSION_END_REASONS }),
  },
  (t) => [index("sessions_user").on(t.userId, t.revokedAt)],
);


/** Invitation and password-reset links: single use, expiring, only a SHA-256 of the secret kept. */
export const oneTimeLinks = sqliteTable(
  "one_time_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ONE_TIME_LINK_KINDS }).notNull(),
    userId: integer("user_id").notNull().references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    createdById: integer("created_by_id").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    /** A newer link for the same user replaced this one before it was used. */
    supersededAt: text("superseded_at"),
  },
  (t) => [index("one_time_links_user").on(t.userId)],
);

/** Every run of the audit-chain check, so admins see when it last ran, by whom, and the head it saw. */
export const auditVerifications = sqliteTable(
  "audit_verifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    verifiedAt: text("verified_at").notNull(),
    /** Null when the operator CLI ran it. */
    verifiedById: integer("verified_by_id").references(() => users.id),
    source: text("source", { enum: ["cli", "api", "desk"] }).notNull(),
    ok: integer("ok", { mode: "boolean" }).notNull(),
    count: integer("count").notNull(),
    headHash: text("head_hash"),
    problemCount: integer("problem_count").notNull().default(0),
  },
  (t) => [index("audit_verifications_at").on(t.verifiedAt)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id),
    name: text("name").notNull(),
    // SHA-256 of the secret; the secret itself is shown once and never stored.
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
    /** Null: the token does not expire. */
    expiresAt: text("expires_at"),
  },
  (t) => [index("api_tokens_user").on(t.userId)],
);

export const articles = sqliteTable(
  "articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    sourceUrl: text("source_url"),
    publisher: text("publisher"),
    publishedAt: text("published_at"),
    contentHash: text("content_hash").notNull().unique(),
    createdById: integer("created_by_id").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("articles_created_at").on(t.createdAt)],
);

export const FACT_KINDS = ["age", "year", "number", "date", "action"] as const;

/**
 * That an article's facts were extracted, and by which version of the extractor: an article without
 * a current row here has its facts (re)computed before conflicts are looked up.
 */
export const articleFactSets = sqliteTable("article_fact_sets", {
  articleId: integer("article_id")
    .primaryKey()
    .references(() => articles.id),
  extractor: text("extractor").notNull(),
  createdAt: createdAt(),
});

/** The facts an article states (extracted once, when it is added), looked up by kind and key to find conflicts. */
export const articleFacts = sqliteTable(
  "article_facts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id),
    /** The sentence stating it: offsets into the article body and its text. */
    sentenceStart: integer("sentence_start").notNull(),
    sentenceEnd: integer("sentence_end").notNull(),
    sentence: text("sentence").notNull(),
    kind: text("kind", { enum: FACT_KINDS }).notNull(),
    key: text("key").notNull(),
    value: text("value").notNull(),
    /** JSON array of the lower-case name tokens the fact is about. */
    subjects: text("subjects").notNull(),
  },
  (t) => [index("article_facts_kind_key").on(t.kind, t.key, t.articleId), index("article_facts_article").on(t.articleId)],
);

export const claims = sqliteTable(
  "claims",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    text: text("text").notNull(),
    textHash: text("text_hash").notNull(),
    state: text("state", { enum: CLAIM_STATES }).notNull().default("draft"),
    verdict: text("verdict", { enum: VERDICTS }),
    version: integer("version").notNull().default(1),
    // A round starts at submit and again at every return; the two-person rule is per round.
    round: integer("round").notNull().default(1),
    articleId: integer("article_id").references(() => articles.id),
    submitterId: integer("submitter_id").notNull().references(() => users.id),
    assigneeId: integer("assignee_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
    /** When the claim is due (UTC instant); null: judged against the desk's target for its state (lib/deadlines). */
    dueAt: text("due_at"),
    /** When the claim entered its current state; kept by triggers (migration 0020) whoever writes the row. */
    enteredStateAt: text("entered_state_at"),
  },
  (t) => [
    // The queue sorts by creation (id breaks ties, and every index ends in the rowid): one index per
    // filter, each ordered so a page is read in order and stops after its rows, never sorted.
    index("claims_created").on(t.createdAt),
    index("claims_state").on(t.state, t.createdAt),
    index("claims_article").on(t.articleId, t.createdAt),
    index("claims_assignee").on(t.assigneeId, t.createdAt),
    index("claims_submitter").on(t.submitterId, t.createdAt),
    index("claims_verdict").on(t.verdict, t.createdAt),
    // The tab counts under a filter read these alone (covering), not the claims.
    index("claims_article_state").on(t.articleId, t.state),
    index("claims_assignee_state").on(t.assigneeId, t.state),
    index("claims_submitter_state").on(t.submitterId, t.state),
    index("claims_verdict_state").on(t.verdict, t.state),
    // Deadlines (lib/deadlines): an open state's claims due before a time, read as a range (overdue, due soon, the scanner) ...
    index("claims_state_due").on(t.state, t.dueAt),
    // ... and the undated ones that entered their state before a time (judged against the state's target).
    index("claims_undated_entered").on(t.state, t.enteredStateAt).where(sql`due_at IS NULL`),
    // The queue's "due soonest" order: dated claims by due date, undated after them; read in order, never sorted.
    index("claims_due_order").on(sql`coalesce(due_at, '9999-12-31T23:59:59.999Z')`),
    // ... and within a state tab.
    index("claims_state_due_order").on(t.state, sql`coalesce(due_at, '9999-12-31T23:59:59.999Z')`),
  ],
);

/**
 * How many claims are in each state, kept by triggers on claims (migration 0006), so the queue's
 * tab counts read three rows instead of counting the whole table on every request.
 */
export const claimStateCounts = sqliteTable("claim_state_counts", {
  state: text("state", { enum: CLAIM_STATES }).primaryKey(),
  count: integer("count").notNull(),
});

export const claimRevisions = sqliteTable(
  "claim_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    claimId: integer("claim_id").notNull().references(() => claims.id),
    version: integer("version").notNull(),
    text: text("text").notNull(),
    textHash: text("text_hash").notNull(),
    editedById: integer("edited_by_id").notNull().references(() => users.id),
    /** Why the editor changed the text; null for the submitted text and for edits without one. */
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [index("claim_revisions_claim").on(t.claimId, t.version)],
);

export const citations = sqliteTable(
  "citations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    claimId: integer("claim_id").notNull().references(() => claims.id),
    kind: text("kind", { enum: CITATION_KINDS }).notNull(),
    url: text("url"),
    documentRef: text("document_ref"),
    title: text("title").notNull(),
    publisher: text("publisher"),
    quote: text("quote").notNull(),
    quoteHash: text("quote_hash").notNull(),
    // Where the quote sits in an article of the desk, when it came from one.
    articleId: integer("article_id").references(() => articles.id),
    quoteStart: integer("quote_start"),
    quoteEnd: integer("quote_end"),
    accessedAt: text("accessed_at").notNull(),
    addedById: integer("added_by_id").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  // By article: the claims made from an article's sentences (its candidate panel, a claim page's conflicts) without reading every citation.
  (t) => [index("citations_claim").on(t.claimId), index("citations_article").on(t.articleId)],
);

export const signoffs = sqliteTable(
  "signoffs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    claimId: integer("claim_id").notNull().references(() => claims.id),
    action: text("action", { enum: SIGNOFF_ACTIONS }).notNull(),
    fromState: text("from_state", { enum: CLAIM_STATES }),
    toState: text("to_state", { enum: CLAIM_STATES }).notNull(),
    userId: integer("user_id").notNull().references(() => users.id),
    note: text("note").notNull(),
    verdict: text("verdict", { enum: VERDICTS }),
    claimVersion: integer("claim_version").notNull(),
    textHash: text("text_hash").notNull(),
    round: integer("round").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("signoffs_claim").on(t.claimId),
    // The dashboard (lib/stats) reads only its period's sign-offs, by time.
    index("signoffs_created").on(t.createdAt),
  ],
);

export const signoffCitations = sqliteTable(
  "signoff_citations",
  {
    signoffId: integer("signoff_id").notNull().references(() => signoffs.id),
    citationId: integer("citation_id").notNull().references(() => citations.id),
    quoteHash: text("quote_hash").notNull(),
    // sha256 of the whole citation as signed (see lib/workflow/audit.ts); null on links made before it was recorded.
    citationHash: text("citation_hash"),
  },
  (t) => [primaryKey({ columns: [t.signoffId, t.citationId] })],
);

export const claimAssignments = sqliteTable(
  "claim_assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    claimId: integer("claim_id").notNull().references(() => claims.id),
    assigneeId: integer("assignee_id").references(() => users.id),
    assignedById: integer("assigned_by_id").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("claim_assignments_claim").on(t.claimId)],
);

export const summaries = sqliteTable("summaries", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  articleId: integer("article_id").notNull().unique().references(() => articles.id),
  slug: text("slug").notNull().unique(),
  currentVersion: integer("current_version").notNull(),
  withdrawnAt: text("withdrawn_at"),
  withdrawnReason: text("withdrawn_reason"),
  withdrawnById: integer("withdrawn_by_id").references(() => users.id),
  createdAt: createdAt(),
  updatedAt: text("updated_at").notNull(),
});

export const publications = sqliteTable(
  "publications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    summaryId: integer("summary_id").notNull().references(() => summaries.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    introduction: text("introduction").notNull(),
    correctionNote: text("correction_note"),
    // The immutable snapshot (claims, verdicts, citations, sign-off names and dates) as JSON.
    snapshot: text("snapshot").notNull(),
    publishedById: integer("published_by_id").notNull().references(() => users.id),
    publishedAt: text("published_at").notNull(),
  },
  (t) => [uniqueIndex("publications_summary_version").on(t.summaryId, t.version)],
);

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
    // The process that reserved the key while it is in progress (lib/api/idempotency.ts), so a retry can take over once it is gone.
    owner: text("owner"),
  },
  (t) => [uniqueIndex("idempotency_user_key").on(t.userId, t.key)],
);

/**
 * The outbox (lib/events): every change a domain function commits is also a row here, written in the
 * same transaction, so an event exists exactly when its change does. Read in id order by the
 * dispatcher and, later, by live streams resuming from an id; rows are never updated (trigger in
 * migration 0009). The ids it names are plain integers: the log outlives nothing it points at, but it
 * must never be what stops a change from committing.
 */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: EVENT_KINDS }).notNull(),
    claimId: integer("claim_id"),
    articleId: integer("article_id"),
    summaryId: integer("summary_id"),
    actorId: integer("actor_id").notNull(),
    // The kind's own fields (lib/events/types.ts) as JSON.
    payload: text("payload").notNull(),
    at: text("at").notNull(),
    /** The request that made the change (X-Request-Id, lib/observability); null from the CLI, the seed, a timer. */
    requestId: text("request_id"),
  },
  // One claim's history in id order (what changed since the version a stale form saw: lib/workflow/changes-since.ts).
  (t) => [index("events_claim").on(t.claimId, t.id)],
);

/**
 * How far each consumer of the outbox has got: it has applied every event up to `lastEventId`. A
 * failure leaves the cursor where it was (the events are offered again) and is recorded here.
 */
export const eventConsumers = sqliteTable("event_consumers", {
  name: text("name").primaryKey(),
  lastEventId: integer("last_event_id").notNull(),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  failedAt: text("failed_at"),
  updatedAt: text("updated_at").notNull(),
});

/** Events a consumer gave up on after repeated failures, so one bad event cannot stall it for good. */
export const eventFailures = sqliteTable(
  "event_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    consumer: text("consumer").notNull(),
    eventId: integer("event_id").notNull(),
    error: text("error").notNull(),
    failedAt: text("failed_at").notNull(),
  },
  (t) => [uniqueIndex("event_failures_consumer_event").on(t.consumer, t.eventId)],
);

export type User = typeof users.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type Claim = typeof claims.$inferSelect;
export type Citation = typeof citations.$inferSelect;
export type Signoff = typeof signoffs.$inferSelect;
export type ClaimRevision = typeof claimRevisions.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type Summary = typeof summaries.$inferSelect;
export type Publication = typeof publications.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type OneTimeLink = typeof oneTimeLinks.$inferSelect;
export type AuditVerification = typeof auditVerifications.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type EventConsumer = typeof eventConsumers.$inferSelect;

/**
 * Discussion on a claim, beside the sign-offs (which stay the record of decisions). Never part of a
 * public page, feed or export. A deleted comment keeps its row as a tombstone (who, when); its body
 * is cleared.
 */
export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    claimId: integer("claim_id").notNull().references(() => claims.id),
    authorId: integer("author_id").notNull().references(() => users.id),
    /** Markdown, mentions written `@[Name](user:ID)`. */
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
    editedAt: text("edited_at"),
    deletedAt: text("deleted_at"),
    deletedById: integer("deleted_by_id").references(() => users.id),
  },
  (t) => [index("comments_claim").on(t.claimId, t.id)],
);

/** Who a comment mentions, by user id (the body's `@[Name](user:ID)`), checked to be desk users when written. */
export const commentMentions = sqliteTable(
  "comment_mentions",
  {
    commentId: integer("comment_id").notNull().references(() => comments.id),
    userId: integer("user_id").notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index("comment_mentions_user").on(t.userId)],
);

/**
 * Who follows which claim, and the claim version they last saw: "claims I follow that changed" are
 * those whose version is now above it. Their own changes move it along (lib/notifications handler).
 */
export const follows = sqliteTable(
  "follows",
  {
    userId: integer("user_id").notNull().references(() => users.id),
    claimId: integer("claim_id").notNull().references(() => claims.id),
    reason: text("reason", { enum: FOLLOW_REASONS }).notNull(),
    since: text("since").notNull(),
    seenVersion: integer("seen_version").notNull(),
    seenAt: text("seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.claimId] }), index("follows_claim").on(t.claimId)],
);

/**
 * A person's notifications, made after commit from the outbox's events (lib/notifications). One per
 * event, person and kind (the unique index), so replaying an event adds nothing.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id").notNull().references(() => users.id),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    claimId: integer("claim_id").references(() => claims.id),
    summaryId: integer("summary_id").references(() => summaries.id),
    commentId: integer("comment_id").references(() => comments.id),
    actorId: integer("actor_id").notNull().references(() => users.id),
    eventId: integer("event_id").notNull(),
    message: text("message").notNull(),
    createdAt: text("created_at").notNull(),
    readAt: text("read_at"),
  },
  (t) => [
    uniqueIndex("notifications_event_user_kind").on(t.eventId, t.userId, t.kind),
    index("notifications_user").on(t.userId, t.id),
    index("notifications_user_unread").on(t.userId, t.readAt, t.id),
  ],
);

/** Which kinds of notification a person turned off, and how they get them by email (read by lib/email). No row: all on, email off. */
export const notificationPreferences = sqliteTable("notification_preferences", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  /** JSON array of the NotificationKinds turned off. */
  mutedKinds: text("muted_kinds").notNull().default("[]"),
  emailMode: text("email_mode", { enum: EMAIL_MODES }).notNull().default("off"),
  updatedAt: text("updated_at").notNull(),
});

export type Comment = typeof comments.$inferSelect;
export type Follow = typeof follows.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationPreferenceRow = typeof notificationPreferences.$inferSelect;

/**
 * Webhook endpoints admins register (lib/webhooks): the event kinds each gets, and the secret its
 * deliveries are signed with. The secret is kept as it is (it must sign) and shown only on creation.
 */
export const webhooks = sqliteTable("webhooks", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  /** JSON array of EventKinds. */
  eventKinds: text("event_kinds").notNull(),
  secret: text("secret").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdById: integer("created_by_id").references(() => users.id),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/**
 * The delivery outbox (lib/delivery): one row per thing to send (a webhook call, an email, a daily
 * digest), retried with backoff until it is delivered or given up on. `dedupKey` makes recording
 * idempotent (a replayed event batch adds nothing); `leasedUntil` keeps two loops from sending one
 * row at once. Deleting a webhook deletes its deliveries.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    channel: text("channel", { enum: DELIVERY_CHANNELS }).notNull(),
    dedupKey: text("dedup_key").notNull().unique(),
    webhookId: integer("webhook_id").references(() => webhooks.id, { onDelete: "cascade" }),
    eventId: integer("event_id"),
    userId: integer("user_id").references(() => users.id),
    /** Immediate email: its notification; digest: the newest notification it covers. */
    notificationId: integer("notification_id"),
    /** What is sent, fixed when recorded: the webhook body, or the rendered email (JSON). */
    payload: text("payload").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    leasedUntil: text("leased_until"),
    lastError: text("last_error"),
    /** The receiver's HTTP status on the last attempt (webhooks). */
    lastStatus: integer("last_status"),
    createdAt: text("created_at").notNull(),
    deliveredAt: text("delivered_at"),
  },
  (t) => [
    index("deliveries_due").on(t.status, t.nextAttemptAt),
    uniqueIndex("deliveries_webhook_event").on(t.webhookId, t.eventId),
    index("deliveries_webhook").on(t.webhookId, t.id),
    index("deliveries_user_channel").on(t.userId, t.channel, t.id),
  ],
);

/** Every attempt at a delivery, for the delivery log: when, how long, the answer or the error. */
export const deliveryAttempts = sqliteTable(
  "delivery_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    at: text("at").notNull(),
    ok: integer("ok", { mode: "boolean" }).notNull(),
    status: integer("status"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("delivery_attempts_delivery").on(t.deliveryId, t.id)],
);

export type Webhook = typeof webhooks.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
export type DeliveryAttempt = typeof deliveryAttempts.$inferSelect;

/**
 * How far a delivery feeder has got through a table it reads by id: the email feeder's last
 * notification handled (lib/email), so a notification made late (its handler failed and was
 * retried) is still mailed, and none twice.
 */
export const deliveryCursors = sqliteTable("delivery_cursors", {
  name: text("name").primaryKey(),
  lastId: integer("last_id").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/**
 * A person's saved queue views (lib/views): a name and the queue's query string (re-validated with
 * queueQuerySchema when saved), so /queue?<query> opens the view again, for them or anyone they share it with.
 */
export const savedViews = sqliteTable(
  "saved_views",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    query: text("query").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("saved_views_user_name").on(t.userId, t.name)],
);

export type SavedView = typeof savedViews.$inferSelect;

/**
 * Earlier fact-checks imported from schema.org ClaimReview JSON-LD (lib/factchecks): the archive the
 * matcher (lib/match) searches, through factchecks_fts (migration 0018, kept by triggers). `url` is the
 * key: importing the same review again updates it; `contentHash` tells an unchanged re-import (skipped).
 */
export const factchecks = sqliteTable(
  "factchecks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    url: text("url").notNull(),
    claimReviewed: text("claim_reviewed").notNull(),
    /** The review's `headline`, or its `name` when it has no headline. */
    headline: text("headline"),
    /** reviewRating.alternateName: the verdict as the fact-checker words it. */
    rating: text("rating"),
    ratingValue: text("rating_value"),
    bestRating: text("best_rating"),
    worstRating: text("worst_rating"),
    /** The fact-checking organisation (author.name) and its URL. */
    author: text("author"),
    authorUrl: text("author_url"),
    datePublished: text("date_published"),
    /** itemReviewed: where the claim appeared (first appearance URL), who made it and when. */
    appearanceUrl: text("appearance_url"),
    claimAuthor: text("claim_author"),
    claimDate: text("claim_date"),
    contentHash: text("content_hash").notNull(),
    importedById: integer("imported_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("factchecks_url").on(t.url), index("factchecks_updated").on(t.updatedAt)],
);

export type FactCheck = typeof factchecks.$inferSelect;

/** Every change of a claim's due date (set at submit, changed or cleared later), for its timeline. */
export const claimDueChanges = sqliteTable(
  "claim_due_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    claimId: integer("claim_id").notNull().references(() => claims.id),
    /** null: cleared. */
    dueAt: text("due_at"),
    previousDueAt: text("previous_due_at"),
    changedById: integer("changed_by_id").notNull().references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("claim_due_changes_claim").on(t.claimId, t.id)],
);

/**
 * The desk's target time in each open state (hours; null: no target) and what "due soon" means, set
 * by an admin (lib/deadlines). One row (id 1); absent: the defaults in lib/deadlines/targets.ts.
 */
export const deadlineSettings = sqliteTable("deadline_settings", {
  id: integer("id").primaryKey(),
  draftHours: integer("draft_hours"),
  reviewedHours: integer("reviewed_hours"),
  dueSoonHours: integer("due_soon_hours").notNull(),
  dueSoonPercent: integer("due_soon_percent").notNull(),
  updatedById: integer("updated_by_id").references(() => users.id),
  updatedAt: text("updated_at").notNull(),
});

/** Which claim deadlines the due-soon scanner already announced: once per claim and deadline, whoever runs it. */
export const deadlineAlerts = sqliteTable(
  "deadline_alerts",
  {
    claimId: integer("claim_id").notNull().references(() => claims.id),
    deadline: text("deadline").notNull(),
    assigneeId: integer("assignee_id").notNull().references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.deadline] })],
);

export type ClaimDueChange = typeof claimDueChanges.$inferSelect;
export type DeadlineSettingsRow = typeof deadlineSettings.$inferSelect;

/**
 * Every backup that completed (lib/backup), recorded in the database it copied, so admins see on the
 * System page when the desk was last backed up, where to, and the audit head the copy carries.
 */
export const backups = sqliteTable("backups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  finishedAt: text("finished_at").notNull(),
  target: text("target").notNull(),
  bytes: integer("bytes").notNull(),
  signoffs: integer("signoffs").notNull(),
  headHash: text("head_hash").notNull(),
});

export type BackupRow = typeof backups.$inferSelect;
