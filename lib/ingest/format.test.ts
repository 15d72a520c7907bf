import { describe, expect, it } from "vitest";
import { ACCEPT_ATTRIBUTE, checkUpload } from "./format";
import { precheckFile } from "./ingest";
import { MAX_UPLOAD_BYTES } from "./types";

describe("checkUpload (the add-article form's check before it sends a file)", () => {
  it("accepts every file the server reads, including the ones the form used to refuse by its own pattern", () => {
    expect(checkUpload({ name: "story.md", size: 10 })).toEqual({ ok: true, value: "md" });
    expect(checkUpload({ name: "notes.TEXT", size: 10 })).toEqual({ ok: true, value: "txt" });
    expect(checkUpload({ name: "page.xhtml", size: 10 })).toEqual({ ok: true, value: "html" });
    expect(checkUpload({ name: "pasted", type: "text/plain", size: 10 })).toEqual({ ok: true, value: "txt" });
  });

  it("refuses what the server refuses, with the server's words", async () => {
    for (const file of [
      { name: "photo.png", type: "image/png", size: 10 },
      { name: "big.pdf", type: "application/pdf", size: MAX_UPLOAD_BYTES + 1 },
    ]) {
      const checked = checkUpload(file);
      expect(checked.ok).toBe(false);
      const server = await precheckFile({ name: file.name, type: file.type, bytes: new Uint8Array(file.size) });
      expect(server).toEqual(checked);
    }
    expect(checkUpload({ name: "big.pdf", size: MAX_UPLOAD_BYTES + 1 })).toMatchObject({ error: { code: "payload_too_large", message: "big.pdf is 5.0 MiB; files can be at most 5 MiB." } });
  });

  it("offers the file picker every extension and type it accepts", () => {
    for (const entry of [".md", ".markdown", ".htm", ".docx", ".pdf", "text/plain", "application/pdf"]) expect(ACCEPT_ATTRIBUTE.split(",")).toContain(entry);
  });
});
