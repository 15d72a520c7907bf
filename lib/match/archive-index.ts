/*
 * The archive's BM25 candidates from memory (issue #13 item 6). FTS5's OR query over factchecks_fts
 * cost ~2 ms a claim at 10k fact-checks and ~21 ms at 100k (it scores every row holding any word); the
 * same ranking from posting lists in typed arrays costs well under a millisecond. It is FTS5's own
 * ranking, not an imitation: terms are FTS5's tokens (read from factchecks_fts through fts5vocab, and a
 * claim's words tokenised by a private FTS5 table with the same `porter unicode61` tokenizer), N and the
 * average length are FTS5's (its averages record), and the score is fts5_aux.c's bm25 written out in
 * the same order (k1 1.2, b 0.75, idf floored at 1e-6). The matcher was trained on this ranking.
 *
 * Kept up to date by reading, on each search, FTS5's averages record and the archive's newest id and
 * latest update (three index reads): new and updated fact-checks are tokenised and put in, deleted ones
 * taken out; a large change (an import of thousands) rebuilds it. When the index's row and token counts
 * do not agree with FTS5's afterwards, it is rebuilt, so it can never rank from a stale archive.
 * Memory: ~30 MB of typed arrays at 100,000 fact-checks (postings, each fact-check's terms); built in ~4 s there.
 */
import Database from "better-sqlite3";
import type { Db } from "@/db/client";

const K1 = 1.2;
const B = 0.75;

interface Posting {
  docs: Int32Array;
  tfs: Int32Array;
  n: number;
}

export interface Candidate {
  id: number;
  /** FTS5's bm25 negated (larger is better): the value `-rank` reads. */
  bm25: number;
}

// ---- FTS5's tokenizer, through a private in-memory FTS5 table --------------------------------------

interface Tokenizer {
  words: Database.Database;
  insertWord: Database.Statement<[number, string]>;
  wordTokens: Database.Statement<[], { doc: number; term: string; offset: number }>;
  pieceTokens: Database.Statement<[], [string, number]>;
  clearWords: Database.Statement<[]>;
  insertDoc: Database.Statement<[number, string, string]>;
  docTokens: Database.Statement<[], [number, string]>;
  clearDocs: Database.Statement<[]>;
}

let tokenizer: Tokenizer | undefined;

function fts5Tokenizer(): Tokenizer {
  if (!tokenizer) {
    const words = new Database(":memory:");
    // Same tokenizer as factchecks_fts (drizzle/0018_factchecks_search.sql). Contentless, so emptying one
    // is FTS5's 'delete-all' (a DELETE of stored rows re-reads and re-tokenizes each of them).
    words.exec(`CREATE VIRTUAL TABLE w USING fts5(t, content='', tokenize='porter unicode61');
                CREATE VIRTUAL TABLE wv USING fts5vocab(w, instance);
                CREATE VIRTUAL TABLE d USING fts5(c, h, content='', tokenize='porter unicode61');
                CREATE VIRTUAL TABLE dv USING fts5vocab(d, instance);`);
    tokenizer = {
      words,
      insertWord: words.prepare("INSERT INTO w(rowid, t) VALUES (?, ?)"),
      wordTokens: words.prepare("SELECT doc, term, offset FROM wv"),
      pieceTokens: words.prepare<[], [string, number]>("SELECT term, offset FROM wv").raw(),
      clearWords: words.prepare("INSERT INTO w(w) VALUES ('delete-all')"),
      insertDoc: words.prepare("INSERT INTO d(rowid, c, h) VALUES (?, ?, ?)"),
      docTokens: words.prepare<[], [number, string]>("SELECT doc, term FROM dv").raw(),
      clearDocs: words.prepare("INSERT INTO d(d) VALUES ('delete-all')"),
    };
  }
  return tokenizer;
}

const WORD_CACHE_SIZE = 100_000;
const wordCache = new Map<string, string[]>();

/** Each word's FTS5 tokens (one for an ordinary word), as `"word"` in a MATCH query would read it. */
export function fts5Tokens(words: readonly string[]): string[][] {
  const known = words.map((w) => wordCache.get(w));
  const missing = [...new Set(words.filter((_, i) => !known[i]))];
  if (missing.length > 0) {
    const t = fts5Tokenizer();
    const found = new Map<number, { offset: number; term: string }[]>();
    t.words.transaction(() => {
      missing.forEach((w, i) => t.insertWord.run(i + 1, w));
      for (const row of t.wordTokens.all()) {
        let list = found.get(row.doc);
        if (!list) found.set(row.doc, (list = []));
        list.push(row);
      }
      t.clearWords.run();
    })();
    const fresh = new Map<string, string[]>();
    missing.forEach((w, i) => {
      const tokens = (found.get(i + 1) ?? []).sort((a, b) => a.offset - b.offset).map((x) => x.term);
      fresh.set(w, tokens);
      if (wordCache.size >= WORD_CACHE_SIZE) wordCache.delete(wordCache.keys().next().value!);
      wordCache.set(w, tokens);
    });
    // Read the known ones before the new ones could push them out of the cache.
    return known.map((tokens, i) => tokens ?? fresh.get(words[i])!);
  }
  return known as string[][];
}

/**
 * Each token of the fact-checks (claim, headline) as factchecks_fts holds them, in one batch: `each(doc,
 * term)` in fts5vocab's order (by term, then document), so a term's rows come one after the other.
 */
function tokenizeDocs(rows: readonly { id: number; claim: string; headline: string }[], each: (doc: number, term: string) => void): void {
  const t = fts5Tokenizer();
  t.words.transaction(() => {
    for (const r of rows) t.insertDoc.run(r.id, r.claim, r.headline);
    for (const [doc, term] of t.docTokens.all()) each(doc, term);
    t.clearDocs.run();
  })();
}

/*
 * A fact-check's tokens are its pieces' tokens, one piece after the other, where pieces are the runs
 * between ASCII characters other than letters and digits: unicode61 (no tokenchars or separators
 * options) separates at every one of those, and porter stems each token alone. So the index keeps each
 * piece's term ids and only sends FTS5 the pieces it has not seen, all in one row with a marker word
 * between them (one insert, where a row a piece cost more than tokenising the fact-checks whole).
 */
const ASCII_SEPARATORS = /[\x00-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F]+/;
const MARKER = "qqzxpiecesqq";
let markerTerm: string | undefined;

/** Each piece's FTS5 tokens, in order; null when the marker cannot tell the pieces apart (a piece giving its term). */
function tokenizePieces(pieces: readonly string[]): string[][] | null {
  const t = fts5Tokenizer();
  markerTerm ??= fts5Tokens([MARKER])[0].join(" ");
  const byOffset: string[] = [];
  t.words.transaction(() => {
    t.insertWord.run(1, pieces.join(` ${MARKER} `));
    for (const [term, offset] of t.pieceTokens.all()) byOffset[offset] = term;
    t.clearWords.run();
  })();
  const out: string[][] = [[]];
  for (let i = 0; i < byOffset.length; i++) {
    const term = byOffset[i];
    if (term === undefined) return null;
    if (term === markerTerm) out.push([]);
    else out[out.length - 1].push(term);
  }
  return out.length === pieces.length ? out : null;
}

// The C library's log, which FTS5 calls (through SQLite's ln(), same libm): V8's Math.log is not always
// correctly rounded and differed in the last bit for 1 claim in 10, enough to reorder near-ties.
const LN_CACHE_SIZE = 50_000;
const lnCache = new Map<number, number>();

/** One statement per arity, `SELECT ln(?), ln(?), …`: a query's idfs are new after every import. */
const lnStatements: Database.Statement<number[], number[]>[] = [];
const LN_BATCH = 32;

/** cLog of each x (the same doubles as one `SELECT ln(?)` each), the uncached ones in one statement. */
function cLogs(xs: readonly number[]): Float64Array {
  const out = new Float64Array(xs.length);
  let missing: number[] | null = null;
  for (let i = 0; i < xs.length; i++) {
    const v = lnCache.get(xs[i]);
    if (v === undefined) (missing ??= []).push(xs[i]);
    else out[i] = v;
  }
  if (!missing) return out;
  const distinct = [...new Set(missing)];
  const fresh = new Map<number, number>();
  for (let from = 0; from < distinct.length; from += LN_BATCH) {
    const chunk = distinct.slice(from, from + LN_BATCH);
    const statement = (lnStatements[chunk.length] ??= fts5Tokenizer()
      .words.prepare<number[], number[]>(`SELECT ${chunk.map(() => "ln(?)").join(", ")}`)
      .raw());
    const values = statement.get(...chunk)!;
    chunk.forEach((x, i) => {
      fresh.set(x, values[i]);
      if (lnCache.size >= LN_CACHE_SIZE) lnCache.delete(lnCache.keys().next().value!);
      lnCache.set(x, values[i]);
    });
  }
  for (let i = 0; i < xs.length; i++) {
    const v = fresh.get(xs[i]);
    if (v !== undefined) out[i] = v;
  }
  return out;
}

// ---- FTS5's averages record: row count and token totals ---------------------------------------------

/** SQLite varints (as FTS5 writes them): the row count, then each column's token total. */
function readVarints(block: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < block.length) {
    let v = 0;
    let j = 0;
    for (; j < 8 && i < block.length; j++) {
      const byte = block[i++];
      v = v * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) break;
    }
    if (j === 8 && i < block.length) v = v * 256 + block[i++];
    out.push(v);
  }
  return out;
}

// ---- The index ---------------------------------------------------------------------------------------

/** Above this many changed fact-checks (or a tenth of the archive) the index is rebuilt instead. */
const REBUILD_AT = 2_000;

interface State {
  averages: Database.Statement<[], { avg: Buffer | null; maxId: number | null; u: string | null }>;
  changed: Database.Statement<[number, string], { id: number }>;
  ids: Database.Statement<[], { id: number }>;
  texts: Database.Statement<[string], { id: number; claim: string; headline: string }>;
  key: string | null;
  maxId: number;
  updatedAt: string;
  rows: number;
  tokens: number;
  /** FTS5's own figures for N and the total length, which the scores use. */
  ftsRows: number;
  ftsTokens: number;
  termIds: Map<string, number>;
  /** A piece's term ids (one id alone, as a number), for the pieces of fact-checks added in place; bounded. */
  pieceTerms: Map<string, number | number[]>;
  postings: Posting[];
  /** By fact-check id: in the index, its length in tokens (both columns), its distinct terms. */
  present: Uint8Array;
  length: Int32Array;
  docTerms: Map<number, Int32Array>;
  /** By fact-check id: a number that changes whenever the index takes the fact-check in again (0 = absent). */
  stamps: Float64Array;
  scores: Float64Array;
  /** lengthNorms' answer, and the index key it was worked out for. */
  norms: Float64Array;
  normsKey: string | null;
}

/** Process-wide, so a stamp is never given twice (not even across rebuilds). */
let lastStamp = 0;

const states = new WeakMap<Database.Database, State>();

function stateOf(db: Db): State {
  const sqlite = db.$client;
  let s = states.get(sqlite);
  if (!s) {
    s = {
      averages: sqlite.prepare(
        "SELECT (SELECT block FROM factchecks_fts_data WHERE id = 1) AS avg, (SELECT max(id) FROM factchecks) AS maxId, (SELECT max(updated_at) FROM factchecks) AS u",
      ),
      changed: sqlite.prepare("SELECT id FROM factchecks WHERE id > ? OR updated_at > ?"),
      ids: sqlite.prepare("SELECT id FROM factchecks"),
      texts: sqlite.prepare(
        "SELECT id, claim_reviewed AS claim, coalesce(headline, '') AS headline FROM factchecks WHERE id IN (SELECT value FROM json_each(?))",
      ),
      key: null,
      maxId: 0,
      updatedAt: "",
      rows: 0,
      tokens: 0,
      ftsRows: 0,
      ftsTokens: 0,
      termIds: new Map(),
      pieceTerms: new Map(),
      postings: [],
      present: new Uint8Array(0),
      length: new Int32Array(0),
      docTerms: new Map(),
      stamps: new Float64Array(0),
      scores: new Float64Array(0),
      norms: new Float64Array(0),
      normsKey: null,
    };
    states.set(sqlite, s);
  }
  return s;
}

function ensureCapacity(s: State, maxId: number): void {
  if (maxId < s.present.length) return;
  const size = Math.max(maxId + 1, Math.ceil(s.present.length * 1.5), 1024);
  const present = new Uint8Array(size);
  present.set(s.present);
  const length = new Int32Array(size);
  length.set(s.length);
  const stamps = new Float64Array(size);
  stamps.set(s.stamps);
  s.present = present;
  s.length = length;
  s.stamps = stamps;
  s.scores = new Float64Array(size);
}

function termId(s: State, term: string): number {
  let id = s.termIds.get(term);
  if (id === undefined) {
    id = s.postings.length;
    s.termIds.set(term, id);
    s.postings.push({ docs: new Int32Array(4), tfs: new Int32Array(4), n: 0 });
  }
  return id;
}

function append(p: Posting, doc: number, tf: number): void {
  if (p.n === p.docs.length) {
    const docs = new Int32Array(p.n * 2);
    docs.set(p.docs);
    const tfs = new Int32Array(p.n * 2);
    tfs.set(p.tfs);
    p.docs = docs;
    p.tfs = tfs;
  }
  p.docs[p.n] = doc;
  p.tfs[p.n] = tf;
  p.n++;
}

const PIECE_CACHE_SIZE = 50_000;

/** Takes the fact-checks in (none of them in the index now), from their pieces' kept term ids. */
function addDocs(s: State, rows: readonly { id: number; claim: string; headline: string }[]): void {
  const piecesOf = rows.map((r) => [...r.claim.split(ASCII_SEPARATORS), ...r.headline.split(ASCII_SEPARATORS)].filter((p) => p !== ""));
  const known = new Map<string, number | number[]>();
  const unknown = new Set<string>();
  for (const pieces of piecesOf) {
    for (const piece of pieces) {
      if (known.has(piece) || unknown.has(piece)) continue;
      const ids = s.pieceTerms.get(piece);
      if (ids === undefined) unknown.add(piece);
      else known.set(piece, ids);
    }
  }
  if (unknown.size > 0) {
    const pieces = [...unknown];
    const tokens = tokenizePieces(pieces);
    if (!tokens) return addDocsThroughFts5(s, rows);
    indexCounts.piecesSent += pieces.length;
    pieces.forEach((piece, i) => {
      const ids = tokens[i].length === 1 ? termId(s, tokens[i][0]) : tokens[i].map((token) => termId(s, token));
      known.set(piece, ids);
      if (s.pieceTerms.size >= PIECE_CACHE_SIZE) s.pieceTerms.delete(s.pieceTerms.keys().next().value!);
      s.pieceTerms.set(piece, ids);
    });
  }
  rows.forEach(({ id }, r) => {
    const tf = new Map<number, number>();
    for (const piece of piecesOf[r]) {
      const ids = known.get(piece)!;
      if (typeof ids === "number") tf.set(ids, (tf.get(ids) ?? 0) + 1);
      else for (const term of ids) tf.set(term, (tf.get(term) ?? 0) + 1);
    }
    putDoc(s, id, tf);
  });
}

/**
 * addDocs through FTS5 whole (when the pieces' marker would be ambiguous): each term is looked up once for
 * all the rows it has (fts5vocab gives a term's rows together), not once a token.
 */
function addDocsThroughFts5(s: State, rows: readonly { id: number; claim: string; headline: string }[]): void {
  indexCounts.wholeTexts += rows.length;
  const counts = new Map<number, Map<number, number>>(rows.map((r) => [r.id, new Map()]));
  let lastToken: string | null = null;
  let term = -1;
  tokenizeDocs(rows, (doc, token) => {
    if (token !== lastToken) {
      lastToken = token;
      term = termId(s, token);
    }
    const tf = counts.get(doc)!;
    tf.set(term, (tf.get(term) ?? 0) + 1);
  });
  for (const { id } of rows) putDoc(s, id, counts.get(id)!);
}

/** One fact-check into the index, from its terms' counts. */
function putDoc(s: State, id: number, tf: ReadonlyMap<number, number>): void {
  ensureCapacity(s, id);
  const terms = new Int32Array(tf.size);
  let i = 0;
  let length = 0;
  for (const [t, count] of tf) {
    append(s.postings[t], id, count);
    terms[i++] = t;
    length += count;
  }
  s.docTerms.set(id, terms);
  s.present[id] = 1;
  s.stamps[id] = ++lastStamp;
  s.length[id] = length;
  s.rows++;
  s.tokens += length;
}

function removeDoc(s: State, id: number): void {
  if (!s.present[id]) return;
  for (const term of s.docTerms.get(id) ?? []) {
    const p = s.postings[term];
    const at = p.docs.subarray(0, p.n).indexOf(id);
    if (at < 0) continue;
    p.n--;
    p.docs[at] = p.docs[p.n];
    p.tfs[at] = p.tfs[p.n];
  }
  s.docTerms.delete(id);
  s.present[id] = 0;
  s.stamps[id] = 0;
  s.rows--;
  s.tokens -= s.length[id];
  s.length[id] = 0;
}

function reset(s: State): void {
  s.termIds = new Map();
  s.pieceTerms = new Map();
  s.postings = [];
  s.present = new Uint8Array(0);
  s.length = new Int32Array(0);
  s.docTerms = new Map();
  s.stamps = new Float64Array(0);
  s.scores = new Float64Array(0);
  s.rows = 0;
  s.tokens = 0;
}

const indexCounts = { rebuilds: 0, updates: 0, piecesSent: 0, wholeTexts: 0 };

/**
 * How often the index was rebuilt and brought up to date in place since the process began, how many
 * pieces it sent FTS5 and how many fact-checks it had FTS5 tokenise whole (tests read it).
 */
export function archiveIndexStats(): { rebuilds: number; updates: number; piecesSent: number; wholeTexts: number } {
  return { ...indexCounts };
}

/** Everything from factchecks_fts itself (fts5vocab lists each token of each row, ordered by term). */
function rebuild(db: Db, s: State): void {
  indexCounts.rebuilds++;
  reset(s);
  const sqlite = db.$client;
  const ids = s.ids.all();
  ensureCapacity(s, ids.reduce((m, r) => Math.max(m, r.id), 0));
  sqlite.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.factdesk_match_vocab USING fts5vocab(main, factchecks_fts, instance)");
  const terms: number[][] = [];
  let lastTerm: string | null = null;
  let term = -1;
  let lastDoc = -1;
  let posting: Posting | null = null;
  for (const [t, doc] of sqlite.prepare("SELECT term, doc FROM temp.factdesk_match_vocab").raw().iterate() as IterableIterator<[string, number]>) {
    if (t !== lastTerm) {
      lastTerm = t;
      term = termId(s, t);
      posting = s.postings[term];
      lastDoc = -1;
    }
    if (doc >= s.present.length) ensureCapacity(s, doc);
    s.length[doc]++;
    if (doc === lastDoc) posting!.tfs[posting!.n - 1]++;
    else {
      append(posting!, doc, 1);
      lastDoc = doc;
      (terms[doc] ??= []).push(term);
    }
  }
  for (const { id } of ids) {
    s.present[id] = 1;
    s.stamps[id] = ++lastStamp;
    s.docTerms.set(id, Int32Array.from(terms[id] ?? []));
    s.rows++;
    s.tokens += s.length[id];
  }
}

/** Brings the index to the archive as it is now (cheap when nothing changed). */
function refresh(db: Db, s: State): void {
  const row = s.averages.get()!;
  const key = `${row.avg ? row.avg.toString("hex") : ""}:${row.maxId}:${row.u}`;
  if (key === s.key) return;
  const [ftsRows = 0, ...columns] = row.avg ? readVarints(row.avg) : [];
  const ftsTokens = columns.reduce((a, b) => a + b, 0);
  if (s.key === null) rebuild(db, s);
  else {
    indexCounts.updates++;
    const changed = new Set(s.changed.all(s.maxId, s.updatedAt).map((r) => r.id));
    const removed: number[] = [];
    let fresh = 0;
    for (const id of changed) if (!(id < s.present.length && s.present[id])) fresh++;
    if (s.rows + fresh !== ftsRows) {
      // Rows went away (or came back under an old id): compare the ids.
      const now = new Set(s.ids.all().map((r) => r.id));
      for (const id of s.docTerms.keys()) if (!now.has(id)) removed.push(id);
      for (const id of now) if (!(id < s.present.length && s.present[id])) changed.add(id);
    }
    if (changed.size + removed.length > Math.max(REBUILD_AT, s.rows / 10)) rebuild(db, s);
    else {
      for (const id of removed) removeDoc(s, id);
      const texts = s.texts.all(JSON.stringify([...changed]));
      for (const t of texts) removeDoc(s, t.id);
      addDocs(s, texts);
    }
  }
  if (s.rows !== ftsRows || s.tokens !== ftsTokens) rebuild(db, s);
  s.key = key;
  s.maxId = row.maxId ?? 0;
  s.updatedAt = row.u ?? "";
  s.ftsRows = ftsRows;
  s.ftsTokens = ftsTokens;
}

/**
 * The archive's BM25 top `k` for a query given as words (each one phrase, OR-ed: what `ftsOrQuery`
 * writes), best first, ties by id. Null when a word is more than one FTS5 token (a phrase query, left
 * to FTS5 itself).
 */
export function archiveTop(db: Db, words: readonly string[], k: number): Candidate[] | null {
  const phrases = fts5Tokens(words);
  if (phrases.some((p) => p.length !== 1)) return null;
  const s = stateOf(db);
  refresh(db, s);
  if (s.ftsRows === 0 || k <= 0) return [];
  const nRow = s.ftsRows;
  const norms = lengthNorms(s);
  const { scores } = s;
  const touched: number[] = [];
  const lists = phrases.map(([token]) => {
    const id = s.termIds.get(token);
    return id === undefined ? null : s.postings[id];
  });
  const logs = cLogs(
    lists.map((p) => {
      const nHit = p ? p.n : 0;
      return (nRow - nHit + 0.5) / (nHit + 0.5);
    }),
  );
  for (let t = 0; t < lists.length; t++) {
    const p = lists[t];
    // fts5_aux.c, fts5Bm25GetData / fts5Bm25Function, term for term.
    let idf = logs[t];
    if (idf <= 0.0) idf = 0.000001;
    if (!p) continue;
    const { docs, tfs } = p;
    for (let j = 0; j < p.n; j++) {
      const doc = docs[j];
      const f = tfs[j];
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] += idf * ((f * (K1 + 1.0)) / (f + norms[doc]));
    }
  }
  const top = selectTop(scores, touched, k);
  for (const doc of touched) scores[doc] = 0;
  return top;
}

/**
 * Each fact-check's length term of the bm25 denominator, K1 · (1 − B + B · D / avgdl), the same double
 * the formula works out inline, computed once per archive version instead of once per posting read.
 */
function lengthNorms(s: State): Float64Array {
  if (s.normsKey === s.key && s.norms.length === s.length.length) return s.norms;
  const avgdl = s.ftsTokens / s.ftsRows;
  const norms = s.norms.length === s.length.length ? s.norms : new Float64Array(s.length.length);
  for (let doc = 0; doc < norms.length; doc++) norms[doc] = K1 * (1 - B + (B * s.length[doc]) / avgdl);
  s.norms = norms;
  s.normsKey = s.key;
  return norms;
}

/**
 * The index's stamp of a fact-check as archiveTop last read it (call it after archiveTop): the same stamp
 * means the same indexed text, so what was derived from that text alone can be kept; 0 when absent.
 */
export function archiveStamp(db: Db, id: number): number {
  const s = states.get(db.$client);
  return s && id < s.stamps.length ? s.stamps[id] : 0;
}

/** The k best of the touched documents (score desc, id asc), without sorting them all. */
function selectTop(scores: Float64Array, touched: readonly number[], k: number): Candidate[] {
  const better = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && a < b);
  // A min-heap of the best k so far: its root is the worst of them.
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst], heap[l])) worst = l;
      if (r < heap.length && better(heap[worst], heap[r])) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  };
  for (const doc of touched) {
    if (heap.length < k) {
      heap.push(doc);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent], heap[i])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (scores[doc] >= scores[heap[0]] && better(doc, heap[0])) {
      heap[0] = doc;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1)).map((id) => ({ id, bm25: scores[id] }));
}
