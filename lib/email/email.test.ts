import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { deliveries, notificationPreferences, notifications } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { runDeliveryPass } from "@/lib/delivery/worker";
import { emailNotifications } from "@/lib/events/handlers/email";
import type { EmailMode } from "@/lib/notifications/kinds";
import { dispatchEvents } from "@/lib/events/dispatch";
import { notificationsHandler } from "@/lib/notifications/handler";
import { NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { setPreferences } from "@/lib/notifications/preferences";
import { transitionClaim } from "@/lib/workflow";
import { createDesk, submit, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import { smtpConfig } from "./config";
import { dueDigest, feedDigests, feedNotificationEmails } from "./feed";
import { closeEmailTransports, emailSender } from "./send";

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback: no TLS, any login accepted, every message kept as it arrived. */
async function startSmtp(port = 0): Promise<{ port: number; mails: Mail[]; close: () => Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = (server.server.address() as AddressInfo).port;
  return { port: address, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Quoted-printable soft breaks and escapes undone, so assertions read the text as written. */
const decoded = (raw: string) => {
  const bytes = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
};

let desk: Desk;
let db: Db;
let claimId: number;
const closers: Array<() => Promise<void>> = [];
const ENV_KEYS = ["FACTDESK_SMTP_URL", "FACTDESK_SMTP_HOST", "FACTDESK_EMAIL_FROM", "FACTDESK_DIGEST_HOUR", "FACTDESK_PUBLIC_URL"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

beforeEach(async () => {
  desk = createDesk();
  db = desk.db;
  claimId = (await submit(desk)).id;
  for (const key of ENV_KEYS) delete process.env[key];
  process.env.FACTDESK_PUBLIC_URL = "https://desk.example.org";
  process.env.FACTDESK_EMAIL_FROM = "Factdesk <desk@example.org>";
});
afterEach(async () => {
  closeEmailTransports();
  await Promise.all(closers.splice(0).map((close) => close()));
  db.$client.close();
  for (const key of ENV_KEYS) if (savedEnv[key] === undefined) delete process.env[key];
  else process.env[key] = savedEnv[key];
});

function prefer(user: Actor, emailMode: EmailMode) {
  db.insert(notificationPreferences).values({ userId: user.id, emailMode, updatedAt: new Date().toISOString() }).onConflictDoUpdate({ target: notificationPreferences.userId, set: { emailMode } }).run();
}

let eventIds = 1000;
function notify(user: Actor, message: string, createdAt = new Date().toISOString(), readAt: string | null = null) {
  return db
    .insert(notifications)
    .values({ userId: user.id, kind: "assigned", claimId, actorId: desk.editorA.id, eventId: eventIds++, message, createdAt, readAt })
    .returning()
    .get();
}

const sender = () => emailSender(smtpConfig()!);
const pass = (now = new Date()) => runDeliveryPass(db, { senders: { email: sender(), digest: sender() }, now: () => now, backoff: { baseMs: 1000, random: () => 0.5 } });

describe("email configuration", () => {
  it("is off unless SMTP is configured, and reads a URL or separate variables", async () => {
    expect(smtpConfig({})).toBeNull();
    expect(smtpConfig({ FACTDESK_SMTP_URL: "smtp://ann%40x:p%40ss@mail.example.org:2525" })).toEqual({
      host: "mail.example.org",
      port: 2525,
      secure: false,
      auth: { user: "ann@x", pass: "p@ss" },
      from: "Factdesk <factdesk@localhost>",
    });
    expect(smtpConfig({ FACTDESK_SMTP_URL: "smtps://mail.example.org" })).toMatchObject({ port: 465, secure: true });
    expect(smtpConfig({ FACTDESK_SMTP_HOST: "mail", FACTDESK_SMTP_PORT: "465", FACTDESK_SMTP_USER: "u", FACTDESK_SMTP_PASSWORD: "p" })).toMatchObject({ port: 465, secure: true, auth: { user: "u", pass: "p" } });
    expect(smtpConfig({ FACTDESK_SMTP_URL: "http://mail" })).toBeNull();
  });

  it("queues nothing while off, and does not mail that backlog once turned on", async () => {
    prefer(desk.reporter, "immediate");
    notify(desk.reporter, "Ada Editor assigned you a claim");
    await emailNotifications.handle([], db);
    expect(db.select().from(deliveries).all()).toHaveLength(0);
    process.env.FACTDESK_SMTP_URL = "smtp://127.0.0.1:1";
    expect(await feedNotificationEmails(db)).toBe(0);
    notify(desk.reporter, "Ben Editor assigned you a claim");
    expect(await feedNotificationEmails(db)).toBe(1);
  });
});

describe("immediate email", () => {
  it("sends one mail per notification to people who chose it, with a link to the claim; queuing twice sends once", async () => {
    const smtp = await startSmtp();
    closers.push(smtp.close);
    process.env.FACTDESK_SMTP_URL = `smtp://factdesk:secret@127.0.0.1:${smtp.port}`;
    await feedNotificationEmails(db); // the cursor is in place before these notifications
    prefer(desk.reporter, "immediate");
    prefer(desk.editorB, "daily");
    notify(desk.reporter, "Ada Editor reviewed your claim 'Alice Marie Johnson served more than 21 years'");
    notify(desk.editorB, "You were mentioned");
    notify(desk.editorC, "No preferences: email off");
    await emailNotifications.handle([], db);
    await emailNotifications.handle([], db);
    expect(await feedNotificationEmails(db)).toBe(0);

    expect(await pass()).toEqual({ attempted: 1, delivered: 1, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail!.to).toEqual([desk.reporter.email]);
    expect(mail!.from).toBe("desk@example.org");
    const text = decoded(mail!.raw);
    expect(text).toMatch(/Subject: \[Factdesk\] Ada Editor reviewed your claim/);
    expect(text).toContain(`https://desk.example.org/claims/${claimId}`);
    expect(text).toContain("text/html");
    expect(text).not.toContain("secret");
    expect(db.select().from(deliveries).all()).toMatchObject([{ channel: "email", status: "delivered", attempts: 1 }]);
  });

  it("keeps the mail while the server is down and delivers it when it is back", async () => {
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    process.env.FACTDESK_SMTP_URL = `smtp://127.0.0.1:${port}`;
    await feedNotificationEmails(db);
    prefer(desk.reporter, "immediate");
    notify(desk.reporter, "Ada Editor assigned you a claim");
    await feedNotificationEmails(db);

    const t0 = new Date("2030-01-01T09:00:00.000Z");
    expect(await pass(t0)).toEqual({ attempted: 1, delivered: 0, failed: 1 });
    const [waiting] = db.select().from(deliveries).all();
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: "2030-01-01T09:00:01.000Z" });
    expect(waiting!.lastError).toMatch(/ECONNREFUSED|connect/i);

    const smtp = await startSmtp(port);
    closers.push(smtp.close);
    expect(await pass(new Date("2030-01-01T09:00:00.500Z"))).toMatchObject({ attempted: 0 });
    expect(await pass(new Date("2030-01-01T09:00:02.000Z"))).toEqual({ attempted: 1, delivered: 1, failed: 0 });
    expect(smtp.mails.map((mail) => mail.to)).toEqual([[desk.reporter.email]]);
  });
});

describe("daily digest", () => {
  it("is due from the digest hour (UTC), yesterday's before it", async () => {
    expect(dueDigest(new Date("2030-01-02T07:00:00.000Z"), 7)).toEqual({ day: "2030-01-02", cutoff: new Date("2030-01-02T07:00:00.000Z") });
    expect(dueDigest(new Date("2030-01-02T06:59:59.000Z"), 7)).toEqual({ day: "2030-01-01", cutoff: new Date("2030-01-01T07:00:00.000Z") });
  });

  it("sends each daily person one mail a day with their unread notifications since the last digest", async () => {
    const smtp = await startSmtp();
    closers.push(smtp.close);
    process.env.FACTDESK_SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    process.env.FACTDESK_DIGEST_HOUR = "8";
    prefer(desk.reporter, "daily");
    prefer(desk.editorA, "daily");
    notify(desk.reporter, "First: Ada Editor reviewed your claim", "2030-01-01T10:00:00.000Z");
    notify(desk.reporter, "Already read", "2030-01-01T11:00:00.000Z", "2030-01-01T12:00:00.000Z");
    notify(desk.reporter, "Second: Ben Editor verified your claim", "2030-01-02T07:59:00.000Z");
    notify(desk.reporter, "After the cut-off: tomorrow's", "2030-01-02T08:30:00.000Z");

    expect(await feedDigests(db, new Date("2030-01-02T07:59:59.000Z"))).toBe(0); // yesterday's digest: nothing before its cut-off
    expect(await feedDigests(db, new Date("2030-01-02T08:00:05.000Z"))).toBe(1); // editorA has nothing: no empty digest
    expect(await feedDigests(db, new Date("2030-01-02T09:00:00.000Z"))).toBe(0);
    await pass(new Date("2030-01-02T08:00:06.000Z"));
    expect(smtp.mails).toHaveLength(1);
    const first = decoded(smtp.mails[0]!.raw);
    expect(first).toMatch(/Subject: \[Factdesk\] Your daily digest for 2030-01-02: 2 notifications/);
    expect(first).toContain("First: Ada Editor reviewed your claim");
    expect(first).toContain("Second: Ben Editor verified your claim");
    expect(first).not.toContain("Already read");
    expect(first).not.toContain("tomorrow's");

    expect(await feedDigests(db, new Date("2030-01-03T08:00:00.000Z"))).toBe(1);
    await pass(new Date("2030-01-03T08:00:01.000Z"));
    expect(smtp.mails).toHaveLength(2);
    const second = decoded(smtp.mails[1]!.raw);
    expect(second).toMatch(/digest for 2030-01-03: 1 notification\b/);
    expect(second).toContain("tomorrow's");
    expect(second).not.toContain("First:");
    expect(db.select().from(deliveries).all().map((row) => [row.channel, row.dedupKey, row.status])).toEqual([
      ["digest", `digest:${desk.reporter.id}:2030-01-02`, "delivered"],
      ["digest", `digest:${desk.reporter.id}:2030-01-03`, "delivered"],
    ]);
  });
});

describe("from a sign-off to a mail", () => {
  it("mails the submitter once when their claim is reviewed, through the notifications handler and the email handler in APP_HANDLERS order", async () => {
    const smtp = await startSmtp();
    closers.push(smtp.close);
    process.env.FACTDESK_SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    const handlers = [notificationsHandler, emailNotifications];
    await dispatchEvents(db, handlers); // both start after the newest event (history: skip)
    unwrap(await setPreferences(db, desk.reporter, { enabled: [...NOTIFICATION_KINDS], emailMode: "immediate" }));
    const claim = await submit(desk);
    const reviewed = await transitionClaim(db, desk.editorA, claim.id, { action: "review", note: "Matches the court record", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version });
    expect(reviewed.ok).toBe(true);
    await dispatchEvents(db, handlers);
    await dispatchEvents(db, handlers);

    expect(await pass()).toMatchObject({ delivered: 1 });
    expect(await pass()).toMatchObject({ attempted: 0 });
    expect(smtp.mails.map((mail) => mail.to)).toEqual([[desk.reporter.email]]);
    expect(decoded(smtp.mails[0]!.raw)).toContain(`https://desk.example.org/claims/${claim.id}`);
  });
});
