import { asc, desc, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PgExecutor } from "@/db/client-pg";
import type { Citation, Claim, Signoff } from "@/db/schema";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import { type ClaimState, type SignoffAction, type Verdict } from "@/lib/core/vocabulary";
import { toWellFormed } from "@/lib/core/well-formed";
import { canonicalJson, sha256Hex, type JsonValue } from "./hash";
import { lastSignoffOf, statements } from "./statements";
import { nowIso } from "@/lib/core/transaction";
import { type DbExecutor } from "@/db/client";

/*
 * The audit chain. Every sign-off row stores
 *   hash = sha256hex(prevHash + canonicalJson(content))
 * where prevHash is the hash of the previous sign-off in the whole table (by id), or GENESIS_HASH for
 * the first, and content is exactly the fields of `SignoffChainContent`: its citations sorted by id,
 * each with the quote hash and the citation hash (the whole citation as signed: see `citationHash`)
 * copied at signing time. Changing any signed field, any of its citation links, or removing /
 * reordering / inserting a row breaks the chain at (or right after) that row.
 *
 * What verification checks besides the hashes:
 * - every citation a sign-off rests on is still the citation signed (kind, url, document reference,
 *   title, publisher, quote, access date, place in its article, claim); links made before citation
 *   hashes were recorded (citationHash null) vouch for the quote only;
 * - every claim still stands where its latest sign-off left it: same state, round and verdict, text
 *   matching its own hash and its latest revision, and (once out of draft) the text that sign-off
 *   approved. A draft's later edits are revisions, not sign-offs: no one has vouched for them yet.
 *
 * Conventions recorded in every sign-off:
 * - claimVersion: the claim's version right after the change the sign-off made (submit = 1), i.e. the
 *   version whose text it approved; textHash is the sha256 of that text.
 * - round: the claim's round after the change (a return starts round n+1 and is recorded in it).
 *
 * Strings are hashed as SQLite stores them (UTF-8): input is made well-formed before it gets here
 * (parseInput, readJsonBody), and the note is made well-formed once more before it is hashed and stored.
 *
 * Sign-off ids are assigned here (last id + 1) rather than left to AUTOINCREMENT so the id can be part
 * of the hashed content; AUTOINCREMENT still advances sqlite_sequence, which lets verification notice
 * rows deleted from the end of the table.
 *
 * Both engines (#17): the same content hashes to the same bytes on SQLite and PostgreSQL (the columns
 * hold the same values, times are ISO text on both), so a desk copied from one to the other verifies
 * unchanged. On PostgreSQL transactions run at once, and two sign-offs read under READ COMMITTED could
 * both chain onto one head (the second then fails the unique hash, or forks the chain): every append
 * takes the transaction-scoped advisory lock AUDIT_CHAIN_LOCK before it reads the head, so appends
 * queue as SQLite's write lock makes them. PostgreSQL's identity sequence is not advanced by the
 * explicit ids (setval is not transactional: a rolled-back sign-off would read as a deleted one), so
 * there the end-of-chain check runs only up to what a copy set it to; the anchor (expectHead) covers
 * rows deleted from the end on both engines.
 *
 * Limits: a chain without an external anchor cannot detect someone who rewrites the database file and
 * recomputes every hash after the change. Record `headHash` somewhere else (a daily log, a ticket) and
 * pass it back as `expectHead`: verification then fails unless that hash is still in the chain.
 */

export const GENESIS_HASH = "0".repeat(64);

export interface SignedCitation {
  id: number;
  quoteHash: string;
  /** null on links signed before citation hashes were recorded (they vouch for the quote only). */
  citationHash?: string | null;
}

export interface SignoffChainContent {
  id: number;
  claimId: number;
  action: SignoffAction;
  fromState: ClaimState | null;
  toState: ClaimState;
  userId: number;
  note: string;
  verdict: Verdict | null;
  claimVersion: number;
  textHash: string;
  round: number;
  citations: SignedCitation[];
  createdAt: string;
}

/** The fields of a citation a sign-off vouches for. */
export type SignableCitation = Pick<
  Citation,
  "claimId" | "kind" | "url" | "documentRef" | "title" | "publisher" | "quote" | "accessedAt" | "articleId" | "quoteStart" | "quoteEnd"
>;

/** sha256 of the citation as signed: every field a reader relies on, canonically serialised. */
export function citationHash(citation: SignableCitation): string {
  return sha256Hex(
    canonicalJson({
      claimId: citation.claimId,
      kind: citation.kind,
      url: citation.url,
      documentRef: citation.documentRef,
      title: citation.title,
      publisher: citation.publisher,
      quote: citation.quote,
      accessedAt: citation.accessedAt,
      articleId: citation.articleId,
      quoteStart: citation.quoteStart,
      quoteEnd: citation.quoteEnd,
    }),
  );
}

/** The link a new sign-off records for a citation it rests on. */
export function signedCitation(citation: SignableCitation & Pick<Citation, "id" | "quoteHash">): SignedCitation {
  return { id: citation.id, quoteHash: citation.quoteHash, citationHash: citationHash(citation) };
}

export function signoffHash(prevHash: string, content: SignoffChainContent): string {
  // A link without a citation hash is hashed exactly as before citation hashes existed.
  const citations = [...content.citations]
    .sort((a, b) => a.id - b.id)
    .map((c): JsonValue => (c.citationHash == null ? { id: c.id, quoteHash: c.quoteHash } : { id: c.id, quoteHash: c.quoteHash, citationHash: c.citationHash }));
  return sha256Hex(prevHash + canonicalJson({ ...content, citations }));
}

export type NewSignoff = Omit<SignoffChainContent, "id" | "createdAt">;

/** Advisory-lock key that queues appends to the chain on PostgreSQL (any constant no other lock uses). */
export const AUDIT_CHAIN_LOCK = 0x61756469; // "audi"

/** Appends one sign-off (and its citation links) to the chain. Call inside the mutation's transaction. */
export async function appendSignoff(tx: DbExecutor, signoff: NewSignoff): Promise<Signoff> {
  if (engineOf(tx) === "sqlite") return appendSignoffSqlite(tx, signoff);
  const { signoffs, signoffCitations } = tablesOf(tx);
  // Held until the transaction ends: the next append reads the head this one leaves.
  await (tx as unknown as PgExecutor).execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const last = await firstRow(tx.select({ id: signoffs.id, hash: signoffs.hash }).from(signoffs).orderBy(desc(signoffs.id)).limit(1));
  const { row, prevHash, hash, links } = chained(last, signoff);
  const [inserted] = await tx.insert(signoffs).values({ ...row, prevHash, hash }).returning();
  if (links.length > 0) {
    await tx
      .insert(signoffCitations)
      .values(links.map((link) => ({ signoffId: inserted!.id, citationId: link.id, quoteHash: link.quoteHash, citationHash: link.citationHash ?? null })));
  }
  return inserted!;
}

/** SQLite's append, on the write path's prepared statements (under the write lock: the head cannot move). */
function appendSignoffSqlite(tx: DbExecutor, signoff: NewSignoff): Signoff {
  const prepared = statements(tx);
  const { row, prevHash, hash, links } = chained(lastSignoffOf(tx), signoff);
  const inserted = prepared.insertSignoff.get({ ...row, prevHash, hash })!; // sqlite-branch
  for (const link of links) {
    prepared.insertSignoffCitation.run({ signoffId: inserted.id, citationId: link.id, quoteHash: link.quoteHash, citationHash: link.citationHash ?? null }); // sqlite-branch
  }
  return inserted;
}

/** The row that follows `last` in the chain: its id, content, and hashes. */
function chained(last: { id: number; hash: string } | undefined, signoff: NewSignoff) {
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Hash exactly what is stored: a lone surrogate would reach the database as other bytes than were hashed.
  const content: SignoffChainContent = { ...signoff, note: toWellFormed(signoff.note), id: (last?.id ?? 0) + 1, createdAt: nowIso() };
  const { citations: links, ...row } = content;
  return { row, prevHash, hash: signoffHash(prevHash, content), links };
}

/** One thing verification found wrong, with the rows it concerns. */
export interface AuditProblem {
  signoffId: number | null;
  claimId: number | null;
  citationId: number | null;
  reason: string;
}

export interface AuditChainReport {
  ok: boolean;
  /** How many sign-offs the chain holds (all of them were checked). */
  count: number;
  /** The newest sign-off's hash as stored (GENESIS_HASH for an empty chain): record it to anchor this history. */
  headHash: string;
  /** Everything found wrong, in chain order, then claims; empty when ok. */
  problems: AuditProblem[];
  /** The first problem's sign-off (null when it concerns a claim only, or when ok). */
  brokenId: number | null;
  /** The first problem's reason (null when ok). */
  reason: string | null;
  /** Present when an expected head was given: the sign-off carrying that hash, null when no row does. */
  anchor?: { hash: string; signoffId: number | null };
}

export interface VerifyOptions {
  /** A head hash recorded earlier: the chain must still contain it, or its history was rewritten. */
  expectHead?: string;
}

/**
 * Everything verification reads, engine-neutral (readAuditRows below reads it from either engine).
 * `signoffs` in id order, `signoffCitations` by sign-off then citation.
 */
export interface AuditRows {
  signoffs: Signoff[];
  signoffCitations: Array<{ signoffId: number; citationId: number; quoteHash: string; citationHash: string | null }>;
  citations: Array<SignableCitation & Pick<Citation, "id" | "quoteHash">>;
  claimRevisions: Array<{ claimId: number; version: number; textHash: string }>;
  claims: Array<Pick<Claim, "id" | "text" | "textHash" | "state" | "verdict" | "version" | "round">>;
  /** The highest sign-off id ever assigned (sqlite_sequence / the identity sequence), null when unknown. */
  signoffSequence: number | null;
}

/** Reads what verification needs from a desk on either engine. */
export async function readAuditRows(db: Db | DbExecutor): Promise<AuditRows> {
  const { citations, claimRevisions, claims, signoffCitations, signoffs } = tablesOf(db);
  return {
    signoffs: await db.select().from(signoffs).orderBy(asc(signoffs.id)),
    signoffCitations: await db.select().from(signoffCitations).orderBy(asc(signoffCitations.signoffId), asc(signoffCitations.citationId)),
    citations: await db.select().from(citations),
    claimRevisions: await db.select({ claimId: claimRevisions.claimId, version: claimRevisions.version, textHash: claimRevisions.textHash }).from(claimRevisions),
    claims: await db
      .select({ id: claims.id, text: claims.text, textHash: claims.textHash, state: claims.state, verdict: claims.verdict, version: claims.version, round: claims.round })
      .from(claims)
      .orderBy(asc(claims.id)),
    signoffSequence: await signoffSequence(db),
  };
}

/** The highest sign-off id ever assigned: sqlite_sequence, or the identity sequence once something set it. */
async function signoffSequence(db: Db | DbExecutor): Promise<number | null> {
  if (engineOf(db) === "sqlite") return db.get<{ seq: number } | undefined>(sql`SELECT seq FROM sqlite_sequence WHERE name = 'signoffs'`)?.seq ?? null; // sqlite-branch
  const result = await (db as unknown as PgExecutor).execute(sql`SELECT CASE WHEN is_called THEN last_value ELSE NULL END::int AS seq FROM signoffs_id_seq`);
  const [row] = (result as unknown as { rows: Array<{ seq: number | null }> }).rows;
  return row?.seq ?? null;
}

/**
 * Walks every sign-off in id order, recomputing each hash from the row and its citation links;
 * checks every citation a sign-off rests on against what was signed and every claim against its
 * latest sign-off. Reports every problem, not only the first: one bad row cannot hide later tampering.
 */
export async function verifyAuditChain(db: Db | DbExecutor, options: VerifyOptions = {}): Promise<AuditChainReport> {
  return verifyAuditRows(await readAuditRows(db), options);
}

/** verifyAuditChain over rows already read, whichever engine they came from. */
export function verifyAuditRows(data: AuditRows, options: VerifyOptions = {}): AuditChainReport {
  const rows = data.signoffs;
  const links = new Map<number, SignedCitation[]>();
  // Ordered by citation, so each sign-off's links are checked in a fixed order without sorting per row.
  for (const link of data.signoffCitations) {
    const list = links.get(link.signoffId) ?? [];
    list.push({ id: link.citationId, quoteHash: link.quoteHash, citationHash: link.citationHash });
    links.set(link.signoffId, list);
  }
  // Each citation hashed once, however many sign-offs rest on it.
  const current = new Map<number, CurrentCitation>();
  for (const citation of data.citations) {
    current.set(citation.id, { claimId: citation.claimId, quoteSha: sha256Hex(citation.quote), quoteHash: citation.quoteHash, citationHash: citationHash(citation) });
  }

  const problems: AuditProblem[] = [];
  const problem = (signoffId: number | null, claimId: number | null, citationId: number | null, reason: string) =>
    problems.push({ signoffId, claimId, citationId, reason });

  let prevHash = GENESIS_HASH;
  const latestByClaim = new Map<number, Signoff>();
  for (const row of rows) {
    if (row.prevHash !== prevHash) {
      problem(row.id, row.claimId, null, `Sign-off #${row.id} does not follow the previous sign-off's hash: a row before it was removed, reordered or forged`);
    }
    const signed = links.get(row.id) ?? [];
    // Checked against its own stored prevHash, so one altered row is reported alone instead of breaking every row after it.
    const expected = signoffHash(row.prevHash, {
      id: row.id,
      claimId: row.claimId,
      action: row.action,
      fromState: row.fromState,
      toState: row.toState,
      userId: row.userId,
      note: row.note,
      verdict: row.verdict,
      claimVersion: row.claimVersion,
      textHash: row.textHash,
      round: row.round,
      citations: signed,
      createdAt: row.createdAt,
    });
    if (expected !== row.hash) {
      problem(row.id, row.claimId, null, `Sign-off #${row.id} does not match its hash: the row or its citation links were altered`);
    }
    for (const link of signed) {
      const reason = alteredCitation(row, link, current.get(link.id));
      if (reason) problem(row.id, row.claimId, link.id, reason);
    }
    latestByClaim.set(row.claimId, row);
    prevHash = row.hash;
  }

  const lastId = rows.at(-1)?.id ?? 0;
  const sequence = data.signoffSequence;
  if (sequence !== null && sequence > lastId) {
    problem(lastId + 1, null, null, `Sign-offs #${lastId + 1} to #${sequence} are missing: rows were deleted from the end of the chain`);
  }

  for (const reason of claimProblems(data, latestByClaim)) problem(reason.signoffId, reason.claimId, null, reason.reason);

  let anchor: AuditChainReport["anchor"];
  if (options.expectHead !== undefined) {
    const hash = options.expectHead.trim().toLowerCase();
    const signoffId = hash === GENESIS_HASH ? 0 : (rows.find((row) => row.hash === hash)?.id ?? null);
    anchor = { hash, signoffId };
    if (signoffId === null) {
      problem(
        null,
        null,
        null,
        `The expected head ${hash} is not in the chain: the history up to it was rewritten (and re-hashed), or the hash comes from another database`,
      );
    }
  }

  const first = problems[0];
  return {
    ok: problems.length === 0,
    count: rows.length,
    headHash: prevHash,
    problems,
    brokenId: first?.signoffId ?? null,
    reason: first?.reason ?? null,
    ...(anchor ? { anchor } : {}),
  };
}

interface CurrentCitation {
  claimId: number;
  quoteSha: string;
  quoteHash: string;
  citationHash: string;
}

/** Why a citation a sign-off rests on is no longer the citation it signed, if it is not. */
function alteredCitation(signoff: Signoff, signed: SignedCitation, citation: CurrentCitation | undefined): string | null {
  const at = `Sign-off #${signoff.id} rests on citation #${signed.id}`;
  if (!citation) return `${at}, which no longer exists`;
  if (citation.quoteSha !== signed.quoteHash) {
    return `${at}, whose quoted passage was changed after the sign-off (its sha256 no longer matches the signed quote hash)`;
  }
  if (citation.quoteHash !== signed.quoteHash) return `${at}, whose stored quote hash was changed after the sign-off`;
  if (citation.claimId !== signoff.claimId) return `${at}, which now belongs to claim #${citation.claimId} instead of claim #${signoff.claimId}`;
  if (signed.citationHash != null && citation.citationHash !== signed.citationHash) {
    return `${at}, which was changed after the sign-off (its kind, address, document reference, title, publisher, access date or place in the article no longer match what was signed)`;
  }
  return null;
}

const verdictName = (verdict: Verdict | null) => (verdict === null ? "no verdict" : `the verdict “${verdict}”`);

/** Claims that no longer stand where their latest sign-off left them. */
function claimProblems(data: AuditRows, latestByClaim: Map<number, Signoff>): Array<{ signoffId: number | null; claimId: number; reason: string }> {
  const found: Array<{ signoffId: number | null; claimId: number; reason: string }> = [];
  const latestRevision = new Map<number, { version: number; textHash: string }>();
  for (const revision of data.claimRevisions) {
    const known = latestRevision.get(revision.claimId);
    if (!known || revision.version > known.version) latestRevision.set(revision.claimId, revision);
  }
  for (const claim of data.claims) {
    const latest = latestByClaim.get(claim.id);
    const add = (reason: string) => found.push({ signoffId: latest?.id ?? null, claimId: claim.id, reason: `Claim #${claim.id} ${reason}` });
    if (sha256Hex(claim.text) !== claim.textHash) add("has text that does not match its stored text hash: the text was changed outside the desk");
    const revision = latestRevision.get(claim.id);
    if (!revision || revision.textHash !== claim.textHash) add("has text that is not its latest revision's: the text was changed outside the desk");
    if (!latest) {
      add("has no sign-off: every claim enters the desk with a submit sign-off");
      continue;
    }
    const by = `its latest sign-off (#${latest.id}, ${latest.action})`;
    if (claim.state !== latest.toState) add(`is ${claim.state}, but ${by} left it ${latest.toState}`);
    if (claim.verdict !== latest.verdict) add(`carries ${verdictName(claim.verdict)}, but ${by} recorded ${verdictName(latest.verdict)}`);
    if (claim.round !== latest.round) add(`is in round ${claim.round}, but ${by} recorded round ${latest.round}`);
    if (claim.version < latest.claimVersion) add(`is at version ${claim.version}, older than version ${latest.claimVersion} recorded by ${by}`);
    if (claim.state !== "draft" && claim.textHash !== latest.textHash) add(`is ${claim.state} with text other than the text ${by} approved`);
  }
  return found;
}
