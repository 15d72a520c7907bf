import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRecords } from "./csv";

describe("parseCsv", () => {
  it("handles quoted commas, doubled quotes and line breaks inside quotes", () => {
    const text = 'a,b,c\n1,"x, y","He said ""no"""\r\n2,"two\nlines",\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'He said "no"'],
      ["2", "two\nlines", ""],
    ]);
  });

  it("keys records by header", () => {
    expect(parseCsvRecords("line_number,text,label\n1,\"Hi, there\",0")).toEqual([
      { line_number: "1", text: "Hi, there", label: "0" },
    ]);
  });
});
