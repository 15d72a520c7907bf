import { asc, desc, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  citations,
  signoffCitations,
  signoffs,
  type ClaimState,
  type Signoff,
  type SignoffAction,
  type Verdict,
} from "@/db/schema";
import { canonicalJson, sha256Hex } from "./hash";
import { nowIso, type DbExecutor } from "./transaction";

/*
 * The audit chain. Every sign-off row stores
 *   hash = sha256hex(prevHash + canonicalJson(content))
 * where prevHash is the hash of the previous sign-off in the whole table (by id), or GENESIS_HASH for
 * the first, and content is exactly the fields of `SignoffChainContent` (its citations sorted by id,
 * each with the quote hash copied at signing time). Changing any signed field, any of its citation
 * links, or removing/reordering/inserting a row breaks the chain at (or right after) that row.
 *
 * Conventions recorded in every sign-off:
 * - claimVersion: the claim's version right after the change the sign-off made (submit = 1), i.e. the
 *   version whose text it approved; textHash is the sha256 of that text.
 * - round: the claim's round after the change (a return starts round n+1 and is recorded in it).
 *
 * Sign-off ids are assigned here (last id + 1) rather than left to AUTOINCREMENT so the id can be part
 * of the hashed content; AUTOINCREMENT still advances sqlite_sequence, which lets verification notice
 * rows deleted from the end of the table.
 *
 * Limits: a chain without an external anchor cannot detect someone who rewrites the database file and
 * recomputes every hash after the change. Record `headHash` from `verifyAuditChain` somewhere else
 * (e.g. a daily log) to close that gap.
 */

export const GENESIS_HASH = "0".repeat(64);

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
  citations: Array<{ id: number; quoteHash: string }>;
  createdAt: string;
}

export function signoffHash(prevHash: string, content: SignoffChainContent): string {
  const citations = [...content.citations].sort((a, b) => a.id - b.id).map((c) => ({ id: c.id, quoteHash: c.quoteHash }));
  return sha256Hex(prevHash + canonicalJson({ ...content, citations }));
}

export type NewSignoff = Omit<SignoffChainContent, "id" | "createdAt">;

/** Appends one sign-off (and its citation links) to the chain. Call inside the mutation's transaction. */
export function appendSignoff(tx: DbExecutor, signoff: NewSignoff): Signoff {
  const last = tx.select({ id: signoffs.id, hash: signoffs.hash }).from(signoffs).orderBy(desc(signoffs.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content: SignoffChainContent = { ...signoff, id: (last?.id ?? 0) + 1, createdAt: nowIso() };
  const { citations: links, ...row } = content;
  const inserted = tx
    .insert(signoffs)
    .values({ ...row, prevHash, hash: signoffHash(prevHash, content) })
    .returning()
    .get();
  if (links.length > 0) {
    tx.insert(signoffCitations)
      .values(links.map((link) => ({ signoffId: inserted.id, citationId: link.id, quoteHash: link.quoteHash })))
      .run();
  }
  return inserted;
}

export type AuditChainReport =
  | { ok: true; count: number; headHash: string }
  /** count: how many sign-offs verified intact before the broken one. */
  | { ok: false; count: number; brokenId: number; reason: string };

/**
 * Walks every sign-off in id order, recomputing each hash from the row and its citation links, and
 * checks that every citation a sign-off rests on still quotes the passage it quoted then: the chain
 * signs the quote's hash, so a quote (or its stored hash) edited later no longer matches.
 */
export function verifyAuditChain(db: Db | DbExecutor): AuditChainReport {
  const rows = db.select().from(signoffs).orderBy(asc(signoffs.id)).all();
  const links = new Map<number, Array<{ id: number; quoteHash: string }>>();
  // Ordered by citation, so each sign-off's links are checked in a fixed order without sorting per row.
  for (const link of db.select().from(signoffCitations).orderBy(asc(signoffCitations.signoffId), asc(signoffCitations.citationId)).all()) {
    const list = links.get(link.signoffId) ?? [];
    list.push({ id: link.citationId, quoteHash: link.quoteHash });
    links.set(link.signoffId, list);
  }
  // Each quote hashed once, however many sign-offs rest on its citation.
  const currentQuotes = new Map<number, { quoteSha: string; quoteHash: string }>();
  for (const citation of db.select({ id: citations.id, quote: citations.quote, quoteHash: citations.quoteHash }).from(citations).all()) {
    currentQuotes.set(citation.id, { quoteSha: sha256Hex(citation.quote), quoteHash: citation.quoteHash });
  }

  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    if (row.prevHash !== prevHash) {
      return {
        ok: false,
        count,
        brokenId: row.id,
        reason: `Sign-off #${row.id} does not follow the previous sign-off's hash: a row before it was removed, reordered or forged`,
      };
    }
    const expected = signoffHash(prevHash, {
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
      citations: links.get(row.id) ?? [],
      createdAt: row.createdAt,
    });
    if (expected !== row.hash) {
      return {
        ok: false,
        count,
        brokenId: row.id,
        reason: `Sign-off #${row.id} does not match its hash: the row or its citations were altered`,
      };
    }
    const altered = alteredCitation(row.id, links.get(row.id) ?? [], currentQuotes);
    if (altered) return { ok: false, count, brokenId: row.id, reason: altered };
    prevHash = row.hash;
    count += 1;
  }

  const lastId = rows.at(-1)?.id ?? 0;
  const sequence = db.get<{ seq: number } | undefined>(sql`SELECT seq FROM sqlite_sequence WHERE name = 'signoffs'`);
  if (sequence && sequence.seq > lastId) {
    return {
      ok: false,
      count,
      brokenId: lastId + 1,
      reason: `Sign-offs #${lastId + 1} to #${sequence.seq} are missing: rows were deleted from the end of the chain`,
    };
  }
  return { ok: true, count, headHash: prevHash };
}

/** Why the first citation a sign-off rests on no longer matches the quote hash it signed, if one does not. */
function alteredCitation(
  signoffId: number,
  signed: Array<{ id: number; quoteHash: string }>,
  current: Map<number, { quoteSha: string; quoteHash: string }>,
): string | null {
  for (const link of signed) {
    const citation = current.get(link.id);
    if (!citation) return `Sign-off #${signoffId} rests on citation #${link.id}, which no longer exists`;
    if (citation.quoteSha !== link.quoteHash) {
      return `Sign-off #${signoffId} rests on citation #${link.id}, whose quoted passage was changed after the sign-off (its sha256 no longer matches the signed quote hash)`;
    }
    if (citation.quoteHash !== link.quoteHash) {
      return `Sign-off #${signoffId} rests on citation #${link.id}, whose stored quote hash was changed after the sign-off`;
    }
  }
  return null;
}
