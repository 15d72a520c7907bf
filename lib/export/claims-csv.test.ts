import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { setDueDate } from "@/lib/deadlines";
import { assignClaim, claimRowsByIds, transitionClaim } from "@/lib/workflow";
import { createDesk, submit, unwrap, type Desk } from "@/lib/workflow/test-fixtures";
import type { QueueQuery } from "@/lib/validations/claims";
import { BOM, CLAIM_CSV_COLUMNS, claimsCsvStream, csvText, exportFileName, spreadsheetSafe } from "./claims-csv";
import { parseCsv } from "./parse-csv";
import { queueListArgs } from "./queue-list";

let desk: Desk;
beforeEach(() => {
  desk = createDesk();
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(Buffer.concat(parts)), chunks: parts.length };
}

async function exportOf(query: QueueQuery, actor = desk.editorA, options?: { batch?: number }) {
  const made = claimsCsvStream(desk.db, queueListArgs(actor, query, { scope: "queue" }), "https://desk.example", options);
  if (!made.ok) throw new Error(made.error.message);
  const { text, chunks } = await readAll(made.stream);
  return { text, chunks, records: parseCsv(text.slice(BOM.length)) };
}

describe("csvText", () => {
  it("quotes commas, quotes and line breaks as RFC 4180 says, with CRLF between records", () => {
    expect(csvText([["1", 'She said "no", twice', "line one\nline two", "plain"]])).toBe('1,"She said ""no"", twice","line one\nline two",plain\r\n');
    expect(parseCsv(csvText([["a,b", 'q"', "x\r\ny"]]))).toEqual([["a,b", 'q"', "x\r\ny"]]);
  });

  it("keeps a formula-looking cell as text", () => {
    expect(spreadsheetSafe("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
    expect(spreadsheetSafe("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(spreadsheetSafe("Crime fell 5% in 2017.")).toBe("Crime fell 5% in 2017.");
  });

  it("names the file after the day", () => {
    expect(exportFileName(new Date("2026-12-02T23:59:00Z"))).toBe("factdesk-claims-2026-12-02.csv");
  });
});

describe("claimsCsvStream", () => {
  it("starts with a byte order mark and the header, and keeps accents and awkward text intact", async () => {
    desk.db.update(users).set({ name: "José Núñez" }).where(eq(users.id, desk.reporter.id)).run();
    const claim = await submit(desk, desk.reporter, 'The governor said "we will", then, later:\nnothing.');
    const made = claimsCsvStream(desk.db, queueListArgs(desk.editorA, {}, { scope: "queue" }), "https://desk.example");
    if (!made.ok) throw new Error("refused");
    const reader = made.stream.getReader();
    const first = (await reader.read()).value!;
    expect([...first.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { records } = await exportOf({});
    expect(records[0]).toEqual([...CLAIM_CSV_COLUMNS]);
    expect(records).toHaveLength(2);
    const [id, state, verdict, text, article, submitter, reviewer, assignee, due, created, changed, since, url] = records[1]!;
    expect({ id, state, verdict, text, article, submitter, reviewer, assignee, due, url }).toEqual({
      id: String(claim.id),
      state: "Draft",
      verdict: "",
      text: 'The governor said "we will", then, later:\nnothing.',
      article: "Clemency",
      submitter: "José Núñez",
      reviewer: "",
      assignee: "",
      due: "",
      url: `https://desk.example/claims/${claim.id}`,
    });
    expect(created).toBe(claim.createdAt);
    expect(changed).toBe(claim.updatedAt);
    // When it entered its state, as the database keeps it (the queue's In state column reads the same).
    expect(since).toBe((await claimRowsByIds(desk.db, [claim.id]))[0]!.enteredStateAt);
    expect(Math.abs(Date.parse(since!) - Date.parse(claim.signoffs.at(-1)!.createdAt))).toBeLessThan(1000);
  });

  it("reads the whole view, more rows than one batch, in the view's order, a batch a chunk", async () => {
    const made = await Promise.all(Array.from({ length: 23 }, (_, i) => submit(desk, desk.reporter, `Claim number ${i + 1} of the long export.`)));
    const { records, chunks } = await exportOf({ sort: "newest" }, desk.editorA, { batch: 8 });
    expect(records.slice(1).map((record) => Number(record[0]))).toEqual(made.map((claim) => claim.id).reverse());
    expect(chunks).toBe(3); // 23 rows, 8 a chunk
  });

  it("writes each claim's due date in the Due column (empty without one)", async () => {
    const dated = await submit(desk, desk.reporter, "The board meets on Friday.");
    await submit(desk, desk.reporter, "The board met on Monday.");
    unwrap(await setDueDate(desk.db, desk.editorA, dated.id, { dueAt: "2030-01-15T12:00:00.000Z", expectedVersion: dated.version }));
    const { records } = await exportOf({});
    const due = records[0]!.indexOf("Due");
    expect(records.slice(1).map((record) => [Number(record[0]), record[due]])).toEqual([
      [dated.id, "2030-01-15T12:00:00.000Z"],
      [dated.id + 1, ""],
    ]);
  });

  it("honours the queue's filters, assigned=me and the reviewer of the current round", async () => {
    const mine = await submit(desk, desk.reporter, "The first claim is assigned to Ada.");
    const other = await submit(desk, desk.reporter, "The second claim is assigned to nobody.");
    unwrap(await assignClaim(desk.db, desk.editorB, mine.id, { assigneeId: desk.editorA.id, expectedVersion: mine.version }));
    const reviewed = unwrap(await transitionClaim(desk.db, desk.editorB, other.id, { action: "review", note: "ok", citationIds: [other.citations[0]!.id], expectedVersion: other.version }));

    const assigned = await exportOf({ assigned: "me" });
    expect(assigned.records.slice(1).map((record) => [Number(record[0]), record[7]])).toEqual([[mine.id, "Ada Editor"]]);

    const byState = await exportOf({ state: "reviewed" });
    expect(byState.records.slice(1).map((record) => [Number(record[0]), record[1], record[6]])).toEqual([[reviewed.id, "Reviewed", "Ben Editor"]]);

    const searched = await exportOf({ q: "nobody" });
    expect(searched.records.slice(1).map((record) => Number(record[0]))).toEqual([other.id]);

    // "I can act on": Ada may verify what Ben reviewed, and review the draft (not hers).
    const actionable = await exportOf({ actionable: "1" });
    expect(actionable.records.slice(1).map((record) => Number(record[0])).sort()).toEqual([mine.id, other.id].sort());
    const forBen = await exportOf({ actionable: "1" }, desk.editorB);
    expect(forBen.records.slice(1).map((record) => Number(record[0]))).toEqual([mine.id]);
  });

  it("names the reviewer of the current round only: a verified claim's, none for a claim returned to draft or re-opened", async () => {
    const review = async (claim: { id: number; version: number; citations: { id: number }[] }, by = desk.editorB) =>
      unwrap(await transitionClaim(desk.db, by, claim.id, { action: "review", note: "ok", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }));
    const verified = await review(await submit(desk, desk.reporter, "This claim is reviewed by Ben and verified by Ada."));
    unwrap(await transitionClaim(desk.db, desk.editorA, verified.id, { action: "verify", verdict: "true", note: "ok", citationIds: [verified.citations[0]!.id], expectedVersion: verified.version }));
    const reviewed = await review(await submit(desk, desk.reporter, "This claim is reviewed, then returned to its reporter."));
    const returned = unwrap(await transitionClaim(desk.db, desk.editorA, reviewed.id, { action: "return", note: "Needs a source", citationIds: [reviewed.citations[0]!.id], expectedVersion: reviewed.version }));
    const again = await review(returned, desk.editorA); // round 2, reviewed by Ada this time

    const { records } = await exportOf({ sort: "oldest" }, desk.editorA, { batch: 1 });
    expect(records.slice(1).map((record) => [Number(record[0]), record[1], record[6]])).toEqual([
      [verified.id, "Verified", "Ben Editor"],
      [again.id, "Reviewed", "Ada Editor"],
    ]);
    unwrap(await transitionClaim(desk.db, desk.editorB, again.id, { action: "return", note: "Still no source", citationIds: [again.citations[0]!.id], expectedVersion: again.version }));
    const afterReturn = await exportOf({ state: "draft" });
    expect(afterReturn.records.slice(1).map((record) => [Number(record[0]), record[6]])).toEqual([[again.id, ""]]);
  });

  it("gives a reporter their own claims only, like their queue", async () => {
    const own = await submit(desk, desk.reporter, "The reporter's own claim is here.");
    await submit(desk, desk.otherReporter, "Somebody else's claim is here.");
    const { records } = await exportOf({}, desk.reporter);
    expect(records.slice(1).map((record) => Number(record[0]))).toEqual([own.id]);
  });

  it("is refused for a filter the list refuses, and has only the header when nothing matches", async () => {
    const refused = claimsCsvStream(desk.db, { filters: { articleId: -1 } as never, viewer: {} }, "https://x");
    expect(refused.ok).toBe(false);
    const { records } = await exportOf({ q: "nothing-matches-this" });
    expect(records).toEqual([[...CLAIM_CSV_COLUMNS]]);
  });
});
