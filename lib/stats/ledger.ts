import type { Db } from "@/db/client";
import type { ClaimState } from "@/lib/core/vocabulary";

/*
 * The desk's sign-off history held in memory, column by column, so the dashboard's figures are worked
 * out on every request from the whole history in milliseconds instead of re-reading 300,000 sign-offs.
 *
 * Not a cache: nothing is ever stale or invalidated. Sign-offs are append-only (the database's triggers
 * refuse an update or a delete) and their ids only grow, so on every read the ledger takes in the rows
 * after the last id it has seen — none, usually; one per sign-off made since, by this process or any
 * other writing the same file — and answers from the whole history. The first read in a process reads
 * every sign-off once (about half a second for 300,000).
 *
 * Per sign-off it keeps what the figures need: when, which action, the state it ended, the length of
 * that stay (since the claim's previous sign-off), the round and the claim's submitter (for a reporter's
 * own figures). Per claim, what its latest sign-off says: the state it is in (every change of state is a
 * sign-off), the reviewer of the current round, and when it entered its state; and its assignee, from
 * the assignment history (append-only too: assignClaim is the only writer of an assignee).
 */

export const STATE_CODE = { draft: 1, reviewed: 2, verified: 3 } as const satisfies Record<ClaimState, number>;
export const STATE_OF_CODE: readonly (ClaimState | null)[] = [null, "draft", "reviewed", "verified"];
export const ACTION_CODE = { submit: 1, review: 2, verify: 3, return: 4 } as const;
type Action = keyof typeof ACTION_CODE;

const HOUR_MS = 3_600_000;

/** Hours between two ISO instants, as every stats path computes them (so the fast and the plain path agree to the bit). */
export const hoursBetween = (laterMs: number, earlierMs: number): number => (laterMs - earlierMs) / HOUR_MS;

/** A typed column that grows by doubling. */
function grow<T extends Float64Array | Int32Array | Uint8Array>(array: T, needed: number, make: (size: number) => T): T {
  if (needed <= array.length) return array;
  let size = Math.max(1024, array.length);
  while (size < needed) size *= 2;
  const bigger = make(size);
  bigger.set(array);
  return bigger;
}

export class SignoffLedger {
  /** Sign-offs taken in, in id order. */
  count = 0;
  lastId = 0;
  at = new Float64Array(0);
  action = new Uint8Array(0);
  /** The state the sign-off took the claim out of (0 for a submit). */
  endedState = new Uint8Array(0);
  /** Hours the claim spent in `endedState` (since its previous sign-off); NaN when it had none. */
  stayHours = new Float64Array(0);
  round = new Int32Array(0);
  submitter = new Int32Array(0);

  /** By claim id: state code (0: no sign-off yet), submitter, reviewer of the current round (0: none), latest sign-off. */
  claimState = new Uint8Array(0);
  claimSubmitter = new Int32Array(0);
  claimReviewer = new Int32Array(0);
  claimSinceMs = new Float64Array(0);
  claimSinceId = new Int32Array(0);
  /** By claim id: the assignee (0: none), from the append-only assignment history, the only way an assignee changes. */
  claimAssignee = new Int32Array(0);
  lastAssignmentId = 0;
  /** The highest claim id with a sign-off. */
  maxClaimId = 0;

  /** Takes in one sign-off (ids ascending). */
  add(id: number, claimId: number, action: Action, toState: ClaimState, userId: number, round: number, createdAt: string, submitterId: number): void {
    const at = Date.parse(createdAt);
    const i = this.count;
    this.ensureSignoffs(i + 1);
    this.ensureClaims(claimId + 1);
    const hadOne = this.claimState[claimId] !== 0;
    this.at[i] = at;
    this.action[i] = ACTION_CODE[action];
    this.endedState[i] = action === "submit" ? 0 : this.claimState[claimId]!;
    this.stayHours[i] = hadOne ? hoursBetween(at, this.claimSinceMs[claimId]!) : Number.NaN;
    this.round[i] = round;
    this.submitter[i] = submitterId;
    this.count = i + 1;
    this.lastId = id;

    this.claimState[claimId] = STATE_CODE[toState];
    this.claimSubmitter[claimId] = submitterId;
    // The two-person rule's reviewer: the latest review of the round; a submit or a return opens a round without one.
    if (action === "review") this.claimReviewer[claimId] = userId;
    else if (action === "submit" || action === "return") this.claimReviewer[claimId] = 0;
    this.claimSinceMs[claimId] = at;
    this.claimSinceId[claimId] = id;
    if (claimId > this.maxClaimId) this.maxClaimId = claimId;
  }

  /** Takes in one assignment (ids ascending). */
  assign(id: number, claimId: number, assigneeId: number | null): void {
    this.ensureClaims(claimId + 1);
    this.claimAssignee[claimId] = assigneeId ?? 0;
    this.lastAssignmentId = id;
  }

  private ensureSignoffs(needed: number): void {
    this.at = grow(this.at, needed, (n) => new Float64Array(n));
    this.action = grow(this.action, needed, (n) => new Uint8Array(n));
    this.endedState = grow(this.endedState, needed, (n) => new Uint8Array(n));
    this.stayHours = grow(this.stayHours, needed, (n) => new Float64Array(n));
    this.round = grow(this.round, needed, (n) => new Int32Array(n));
    this.submitter = grow(this.submitter, needed, (n) => new Int32Array(n));
  }

  private ensureClaims(needed: number): void {
    this.claimState = grow(this.claimState, needed, (n) => new Uint8Array(n));
    this.claimSubmitter = grow(this.claimSubmitter, needed, (n) => new Int32Array(n));
    this.claimReviewer = grow(this.claimReviewer, needed, (n) => new Int32Array(n));
    this.claimSinceMs = grow(this.claimSinceMs, needed, (n) => new Float64Array(n));
    this.claimSinceId = grow(this.claimSinceId, needed, (n) => new Int32Array(n));
    this.claimAssignee = grow(this.claimAssignee, needed, (n) => new Int32Array(n));
  }
}

type SignoffTuple = [id: number, claimId: number, action: Action, toState: ClaimState, userId: number, round: number, createdAt: string, submitterId: number];

type AssignmentTuple = [id: number, claimId: number, assigneeId: number | null];

interface LedgerEntry {
  ledger: SignoffLedger;
  signoffsAfter: (after: number) => IterableIterator<SignoffTuple>;
  assignmentsAfter: (after: number) => IterableIterator<AssignmentTuple>;
}

const ledgers = new WeakMap<object, LedgerEntry>();

/**
 * The ledger of this database connection, brought up to date with every committed sign-off. Call it
 * outside a transaction: inside one it would take in rows a rollback may still remove.
 */
export function signoffLedger(db: Db): SignoffLedger {
  const sqlite = db.$client; // sqlite-branch: the ledger is SQLite's (deskStats reads PostgreSQL from SQL)
  let entry = ledgers.get(sqlite);
  if (!entry) {
    const statement = sqlite
      .prepare<[number], SignoffTuple>(
        `SELECT s.id, s.claim_id, s.action, s.to_state, s.user_id, s.round, s.created_at, c.submitter_id
         FROM signoffs s JOIN claims c ON c.id = s.claim_id WHERE s.id > ? ORDER BY s.id`,
      )
      .raw(true);
    const assignments = sqlite.prepare<[number], AssignmentTuple>(`SELECT id, claim_id, assignee_id FROM claim_assignments WHERE id > ? ORDER BY id`).raw(true);
    entry = { ledger: new SignoffLedger(), signoffsAfter: (after) => statement.iterate(after), assignmentsAfter: (after) => assignments.iterate(after) };
    ledgers.set(sqlite, entry);
  }
  const { ledger } = entry;
  for (const [id, claimId, action, toState, userId, round, createdAt, submitterId] of entry.signoffsAfter(ledger.lastId)) {
    ledger.add(id, claimId, action, toState, userId, round, createdAt, submitterId);
  }
  for (const [id, claimId, assigneeId] of entry.assignmentsAfter(ledger.lastAssignmentId)) ledger.assign(id, claimId, assigneeId);
  return ledger;
}

/**
 * The k-th smallest value (0-based) of values[0..n), by quickselect; reorders the values. Leaves every
 * value before index k no larger and every one after no smaller, so a later selection of a higher rank
 * may start at k (`from`).
 */
function select(values: Float64Array, n: number, k: number, from = 0): number {
  let left = from;
  let right = n - 1;
  while (right > left) {
    // Median of three as the pivot keeps sorted and reversed runs linear.
    const mid = (left + right) >>> 1;
    const a = values[left]!, b = values[mid]!, c = values[right]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * percentile() of the first n values, without sorting them: the two ranks it interpolates between
 * are found by selection, so the answer is the same number. Reorders the values. `after`: a lower
 * percentile already taken of the same values (its selection left the ranks above it in the upper
 * part), so this one selects within that part only.
 */
export function percentileOf(values: Float64Array, n: number, p: number, after?: number): number | null {
  if (n === 0) return null;
  const rank = p * (n - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const from = after !== undefined && after <= p ? Math.floor(after * (n - 1)) : 0;
  const lowValue = select(values, n, low, from);
  // After selecting `low`, everything after it is at least as large: the next rank is their minimum.
  let highValue = lowValue;
  if (high !== low) {
    highValue = Number.POSITIVE_INFINITY;
    for (let i = low + 1; i < n; i++) if (values[i]! < highValue) highValue = values[i]!;
  }
  return lowValue + (highValue - lowValue) * (rank - low);
}
