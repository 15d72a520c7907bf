import { crc32 } from "node:zlib";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusAvailable, corpusDir } from "@/lib/extract/test-corpus";
import { detectFormat, ingestFile, precheckFile } from "./ingest";
import { htmlToArticle } from "./html";
import { markdownToText } from "./markdown";
import { isoDate } from "./text";
import { MAX_UPLOAD_BYTES } from "./types";
import { buildDocxBomb, buildPdf } from "./test-files";

const bytes = (text: string) => new TextEncoder().encode(text);

const NEWS_PAGE = `<!doctype html>
<html><head>
  <title>Trump commutes sentence | The Daily Example</title>
  <meta property="og:title" content="Trump commutes Alice Marie Johnson's life sentence">
  <meta property="og:site_name" content="The Daily Example">
  <meta property="article:published_time" content="2018-06-06T16:03:00-04:00">
  <link rel="canonical" href="https://example.com/news/johnson-commutation">
</head><body>
  <header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/donate">Donate</a></nav></header>
  <div class="share">Share on Facebook Share on Twitter</div>
  <article>
    <h1>Trump commutes Alice Marie Johnson's life sentence</h1>
    <p>President Donald Trump on Wednesday commuted the life sentence of Alice Marie Johnson, a 63-year-old woman who had served more than two decades in federal prison for a nonviolent drug offense.</p>
    <p>Johnson was convicted in 1996 on charges of conspiracy to possess cocaine and money laundering, and was sentenced to life without parole.</p>
    <p>Her case was championed by Kim Kardashian West, who met with the president at the White House last week to argue for her release.</p>
    <p>The White House said in a statement that Johnson had accepted responsibility for her past behavior and had been a model prisoner.</p>
  </article>
  <aside>Sign up for our newsletter to get the day's top stories.</aside>
  <footer>© 2018 The Daily Example. All rights reserved. <a href="/privacy">Privacy</a></footer>
  <script>window.tracking = true;</script>
</body></html>`;

describe("detectFormat", () => {
  it("goes by extension, then MIME type", () => {
    expect(detectFormat("story.TXT")).toBe("txt");
    expect(detectFormat("story.md", "application/octet-stream")).toBe("md");
    expect(detectFormat("page.htm")).toBe("html");
    expect(detectFormat("memo.docx")).toBe("docx");
    expect(detectFormat("scan.pdf")).toBe("pdf");
    expect(detectFormat("blob", "text/html; charset=utf-8")).toBe("html");
    expect(detectFormat("photo.png", "image/png")).toBeNull();
    expect(detectFormat("legacy.doc")).toBeNull();
  });
});

describe("html", () => {
  it("keeps the article text and drops navigation, share, newsletter and footer chrome", () => {
    const article = htmlToArticle(NEWS_PAGE);
    expect(article.body).toContain("commuted the life sentence of Alice Marie Johnson");
    expect(article.body).toContain("Johnson was convicted in 1996");
    for (const chrome of ["Donate", "Share on Facebook", "newsletter", "All rights reserved", "window.tracking", "Politics"]) {
      expect(article.body).not.toContain(chrome);
    }
    // Paragraphs stay paragraphs, so sentences do not run together.
    expect(article.body.split("\n\n").length).toBeGreaterThanOrEqual(4);
  });

  it("prefills title, canonical URL, site name and the publisher's calendar date", () => {
    const article = htmlToArticle(NEWS_PAGE);
    expect(article.title).toBe("Trump commutes Alice Marie Johnson's life sentence");
    expect(article.sourceUrl).toBe("https://example.com/news/johnson-commutation");
    expect(article.publisher).toBe("The Daily Example");
    expect(article.publishedAt).toBe("2018-06-06");
  });

  it("falls back to the page body without chrome when there is no article to find", () => {
    const article = htmlToArticle(
      "<html><head><title>Note</title></head><body><nav>Home | About</nav><p>The council approved a budget of 4 million dollars on Monday.</p><footer>Contact us</footer></body></html>",
    );
    expect(article.body).toBe("The council approved a budget of 4 million dollars on Monday.");
    expect(article.title).toBe("Note");
    expect(article.sourceUrl).toBeNull();
  });

  it("reads the date and publisher from JSON-LD when meta tags are missing", () => {
    const article = htmlToArticle(
      `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Ld headline","datePublished":"2018-05-30T09:00:00Z","publisher":{"name":"Metro US"}}</script></head><body><p>Kim Kardashian has been calling Jared Kushner about the case of Alice Marie Johnson.</p></body></html>`,
    );
    expect(article.title).toBe("Ld headline");
    expect(article.publishedAt).toBe("2018-05-30");
    expect(article.publisher).toBe("Metro US");
  });
});

describe("markdown", () => {
  it("strips syntax a reader never sees and keeps the words", () => {
    const source = [
      "---",
      'title: "Johnson freed after 21 years"',
      "date: 2018-06-07",
      "publisher: Example Weekly",
      "canonical_url: https://example.org/johnson",
      "---",
      "",
      "# A heading that is not the title",
      "",
      "Alice Marie Johnson, **62**, was released on _Wednesday_ after [President Trump](https://example.com/trump) commuted her sentence.",
      "",
      "- She served `21` years.",
      "1. She was convicted in 1996.",
      "> “I’m so grateful,” she said.",
      "",
      "![photo](https://example.com/p.jpg)",
      "***",
      "[ref]: https://example.com/ref",
    ].join("\n");
    const article = markdownToText(source);
    expect(article).toMatchObject({
      title: "Johnson freed after 21 years",
      publishedAt: "2018-06-07",
      publisher: "Example Weekly",
      sourceUrl: "https://example.org/johnson",
    });
    expect(article.body).toContain("Alice Marie Johnson, 62, was released on Wednesday after President Trump commuted her sentence.");
    expect(article.body).toContain("She served 21 years.\nShe was convicted in 1996.\n“I’m so grateful,” she said.");
    expect(article.body).not.toMatch(/[#*_`[\]>]|https?:|photo|---/);
  });

  it("uses the first heading as the title without front matter, and keeps snake_case words intact", () => {
    const article = markdownToText("## Prison reform bill\n\nThe first_step act passed 87 to 12.\n");
    expect(article.title).toBe("Prison reform bill");
    expect(article.body).toBe("Prison reform bill\n\nThe first_step act passed 87 to 12.");
  });
});

describe("ingestFile", () => {
  it("reads a plain-text article and offers its first line as the title", async () => {
    const result = await ingestFile({
      name: "story.txt",
      type: "text/plain",
      bytes: bytes("\uFEFFKushner pushes for more pardons\r\n\r\nJared Kushner is urging the president to grant clemency.\r\n"),
    });
    expect(result).toEqual({
      ok: true,
      value: {
        format: "txt",
        title: "Kushner pushes for more pardons",
        body: "Kushner pushes for more pardons\n\nJared Kushner is urging the president to grant clemency.",
        sourceUrl: null,
        publisher: null,
        publishedAt: null,
      },
    });
  });

  it("reads a leading date line as the publication date and keeps it out of the body", async () => {
    const sameLine = await ingestFile({
      name: "002.txt",
      bytes: bytes(" date 2022-08-02 Kim Kardashian apparently doesn’t impress only on Instagram.\n\nShe met the president in 2018.\n"),
    });
    expect(sameLine).toMatchObject({
      ok: true,
      value: {
        publishedAt: "2022-08-02",
        title: "Kim Kardashian apparently doesn’t impress only on Instagram.",
        body: "Kim Kardashian apparently doesn’t impress only on Instagram.\n\nShe met the president in 2018.",
      },
    });
    const ownLine = await ingestFile({ name: "memo.txt", bytes: bytes("Published: June 6, 2018\n\nJohnson freed after 21 years\n\nShe walked out on Wednesday.") });
    expect(ownLine).toMatchObject({
      ok: true,
      value: { publishedAt: "2018-06-06", title: "Johnson freed after 21 years", body: "Johnson freed after 21 years\n\nShe walked out on Wednesday." },
    });
  });

  it("leaves a first line that only mentions a date in the body", async () => {
    const result = await ingestFile({ name: "memo.txt", bytes: bytes("Dated letters from 2018 show the case moved slowly.\n\nMore follows.") });
    expect(result).toMatchObject({ ok: true, value: { publishedAt: null, body: "Dated letters from 2018 show the case moved slowly.\n\nMore follows." } });
  });

  it("offers the first sentence, shortened at a word boundary, as the title when the first line is a long paragraph", async () => {
    const paragraph =
      "Ivanka Trump’s husband, Jared Kushner, will release his upcoming book, Breaking History: A White House Memoir soon. " +
      "Although the book is mostly about his experience as a senior adviser, he also details how Kim Kardashian used her influence.";
    const short = await ingestFile({ name: "book.txt", bytes: bytes(`date 2022-08-02 ${paragraph}\n\nMore text.`) });
    expect(short).toMatchObject({
      ok: true,
      value: { publishedAt: "2022-08-02", title: "Ivanka Trump’s husband, Jared Kushner, will release his upcoming book, Breaking History: A White House Memoir soon." },
    });

    const longSentence = `${"The commission that reviewed the sentences of nonviolent drug offenders across several southern states ".repeat(3)}finished.`;
    const long = await ingestFile({ name: "long.txt", bytes: bytes(longSentence) });
    expect(long.ok).toBe(true);
    if (!long.ok) return;
    const title = long.value.title!;
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title).toMatch(/^The commission that reviewed .*\S…$/);
    // Cut between words, never inside one.
    expect(longSentence.startsWith(`${title.slice(0, -1)} `)).toBe(true);
  });

  it("refuses files over 5 MiB before reading them", async () => {
    const result = await ingestFile({ name: "huge.txt", bytes: new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(65) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("payload_too_large");
    expect(result.error.message).toMatch(/at most 5 MiB/);
    const exactly = await ingestFile({ name: "limit.txt", bytes: new Uint8Array(MAX_UPLOAD_BYTES).fill(65) });
    // Exactly 5 MiB passes the size check; this one is then refused for its length in characters.
    expect(exactly).toMatchObject({ ok: false, error: { message: expect.stringContaining("characters of text") } });
  });

  it("refuses unknown types with the list of types it reads", async () => {
    const result = await ingestFile({ name: "photo.png", type: "image/png", bytes: new Uint8Array([137, 80, 78, 71]) });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid", message: expect.stringMatching(/\.txt, \.md, \.html, \.docx or \.pdf/) } });
  });

  it("refuses files without text, including pages that are all chrome", async () => {
    for (const file of [
      { name: "blank.txt", bytes: bytes("  \n\n \t ") },
      { name: "empty.md", bytes: bytes("---\ntitle: Nothing\n---\n![x](y.png)\n") },
      { name: "chrome.html", bytes: bytes("<html><body><nav>Home</nav><footer>About</footer></body></html>") },
    ]) {
      const result = await ingestFile(file);
      expect(result, file.name).toMatchObject({ ok: false, error: { code: "invalid", message: expect.stringContaining("no text") } });
    }
  });

  it("refuses binary data sent as text", async () => {
    const result = await ingestFile({ name: "fake.txt", bytes: new Uint8Array([0, 159, 146, 150, 0, 0, 255, 254]) });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid", message: expect.stringContaining("could not be read") } });
  });

  it("reads a Word document's paragraphs", async () => {
    const docx = buildDocx(["Johnson released", "Alice Marie Johnson was released from prison on Wednesday.", "She had served 21 years."]);
    const result = await ingestFile({ name: "memo.docx", bytes: docx });
    expect(result).toMatchObject({
      ok: true,
      value: {
        format: "docx",
        title: "Johnson released",
        body: "Johnson released\n\nAlice Marie Johnson was released from prison on Wednesday.\n\nShe had served 21 years.",
      },
    });
  });

  it("prefills a Word document's title and date from its core properties", async () => {
    const docx = buildDocx(["Alice Marie Johnson was released from prison on Wednesday.", "She had served 21 years."], {
      title: "Johnson freed & home",
      created: "2018-06-07T09:30:00Z",
    });
    const result = await ingestFile({ name: "memo.docx", bytes: docx });
    expect(result).toMatchObject({
      ok: true,
      value: {
        format: "docx",
        title: "Johnson freed & home",
        publishedAt: "2018-06-07",
        body: "Alice Marie Johnson was released from prison on Wednesday.\n\nShe had served 21 years.",
      },
    });
  });

  it("falls back to the first line of a Word document whose core title is blank", async () => {
    const docx = buildDocx(["Johnson released", "She had served 21 years."], { title: "  ", created: "not a date" });
    const result = await ingestFile({ name: "memo.docx", bytes: docx });
    expect(result).toMatchObject({ ok: true, value: { title: "Johnson released", publishedAt: null } });
  });

  it("says a damaged Word document could not be read", async () => {
    const result = await ingestFile({ name: "broken.docx", bytes: bytes("not a zip") });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid", message: expect.stringContaining("could not be read as DOCX") } });
  });

  it("reads a PDF's text page by page, with its Title and CreationDate as title and date", async () => {
    const pdf = buildPdf({
      pages: [["Alice Johnson was 63 years old.", "She was sentenced in 1996 (to life)."], ["Her sentence was commuted in 2018."]],
      info: { Title: "Clemency report", CreationDate: "D:20180606120000+01'00'" },
    });
    const result = await ingestFile({ name: "report.pdf", type: "application/pdf", bytes: pdf });
    expect(result).toMatchObject({
      ok: true,
      value: { format: "pdf", title: "Clemency report", publishedAt: "2018-06-06", sourceUrl: null, publisher: null },
    });
    if (!result.ok) return;
    const [first, second, ...rest] = result.value.body.split("\n\n");
    expect(first.replace(/\s+/g, " ")).toBe("Alice Johnson was 63 years old. She was sentenced in 1996 (to life).");
    expect(second).toBe("Her sentence was commuted in 2018.");
    expect(rest).toEqual([]);
  });

  it("offers the first line of a PDF without an Info title, and no date without a CreationDate", async () => {
    const result = await ingestFile({ name: "plain.pdf", bytes: buildPdf({ pages: [["Kushner urges more pardons"]] }) });
    expect(result).toMatchObject({ ok: true, value: { title: "Kushner urges more pardons", body: "Kushner urges more pardons", publishedAt: null } });
  });

  it("says a damaged PDF could not be read", async () => {
    const result = await ingestFile({ name: "broken.pdf", bytes: bytes("%PDF-1.4\nnot really a pdf") });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid", message: expect.stringContaining("could not be read as PDF") } });
  });
});

if (!corpusAvailable) console.warn(`skipping the corpus plain-text ingest tests: ${corpusDir} not found`);

describe.skipIf(!corpusAvailable)(`plain-text articles from the sample corpus${corpusAvailable ? "" : ` (skipped: ${corpusDir} not found)`}`, () => {
  const ingestCorpus = async (prefix: string) => {
    const name = readdirSync(corpusDir).find((file) => file.startsWith(prefix) && file.endsWith(".txt"));
    if (!name) throw new Error(`no corpus article ${prefix}_*.txt in ${corpusDir}`);
    const result = await ingestFile({ name, type: "text/plain", bytes: new Uint8Array(readFileSync(path.join(corpusDir, name))) });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it("reads the leading 'date 2022-08-02' of 002 and 003 as the publication date, not as body text", async () => {
    for (const prefix of ["002", "003"]) {
      const article = await ingestCorpus(prefix);
      expect(article.publishedAt, prefix).toBe("2022-08-02");
      expect(article.body, prefix).not.toMatch(/^\s*date\b/i);
      expect(article.body, prefix).not.toContain("2022-08-02");
    }
  });

  it("gives every corpus article a title, 002's from its long first paragraph", async () => {
    expect((await ingestCorpus("002")).title).toBe(
      "Ivanka Trump’s husband, Jared Kushner, will release his upcoming book, Breaking History: A White House Memoir soon.",
    );
    for (const prefix of ["000", "001", "003", "004"]) {
      expect((await ingestCorpus(prefix)).title, prefix).toMatch(/\S/);
    }
  });
});

describe("isoDate", () => {
  it("keeps the written calendar date and reads PDF and prose dates", () => {
    expect(isoDate("2018-06-06T23:30:00-04:00")).toBe("2018-06-06");
    expect(isoDate("D:20180606120000+01'00'")).toBe("2018-06-06");
    expect(isoDate("June 6, 2018 12:00 UTC")).toBe("2018-06-06");
    expect(isoDate("last Tuesday")).toBeNull();
  });
});

describe("docx zip bombs", () => {
  it("refuses one by the sizes its zip declares, before inflating anything", async () => {
    const bomb = buildDocxBomb({ inflatedBytes: 138_000_000 });
    expect(bomb.byteLength).toBeLessThan(MAX_UPLOAD_BYTES);
    const started = performance.now();
    const result = await ingestFile({ name: "bomb.docx", bytes: bomb });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toEqual({
      ok: false,
      error: {
        code: "payload_too_large",
        message: "bomb.docx unpacks to 132 MB of document data; a .docx can unpack to at most 24 MB, far more than the text of one article needs.",
        fields: { file: ["The document unpacks to too much data."] },
      },
    });
  });

  it("refuses one that lies about its sizes by counting what comes out while inflating, and stops there", async () => {
    const bomb = buildDocxBomb({ inflatedBytes: 400_000_000, declare: "lie" });
    const heapBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = await ingestFile({ name: "liar.docx", bytes: bomb });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "payload_too_large", message: expect.stringMatching(/^liar\.docx unpacks to more than 24 MB of document data/) },
    });
    // Inflating all of it held 3 GB; the count stops at the limit.
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(400 * 1024 * 1024);
  }, 30_000);

  it("refuses an honest bomb in the cheap precheck, which a lying one passes (the full read then counts)", async () => {
    expect(await precheckFile({ name: "bomb.docx", bytes: buildDocxBomb({ inflatedBytes: 138_000_000 }) })).toMatchObject({ ok: false, error: { code: "payload_too_large" } });
    expect(await precheckFile({ name: "liar.docx", bytes: buildDocxBomb({ inflatedBytes: 40_000_000, declare: "lie" }) })).toEqual({ ok: true, value: "docx" });
    expect(await precheckFile({ name: "photo.png", bytes: new Uint8Array([1]) })).toMatchObject({ ok: false, error: { code: "invalid" } });
  }, 30_000);

  it("still reads a document just under the limits", async () => {
    const result = await ingestFile({ name: "long.docx", bytes: buildDocxBomb({ inflatedBytes: 600_000 }) });
    expect(result).toMatchObject({ ok: true, value: { format: "docx" } });
  }, 30_000);
});

/**
 * A minimal .docx: a zip (stored, uncompressed) with the three parts Word documents need, plus the
 * core properties part (docProps/core.xml, as Word writes it) when a title or creation date is given.
 */
function buildDocx(paragraphs: string[], core?: { title?: string; created?: string }): Uint8Array {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const coreXml = core
    ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      (core.title !== undefined ? `<dc:title>${escape(core.title)}</dc:title>` : "") +
      "<dc:creator>Rita Reporter</dc:creator>" +
      (core.created !== undefined ? `<dcterms:created xsi:type="dcterms:W3CDTF">${escape(core.created)}</dcterms:created>` : "") +
      "</cp:coreProperties>"
    : null;
  const files: Record<string, string> = {
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      (coreXml ? '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' : "") +
      "</Types>",
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      (coreXml ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' : "") +
      "</Relationships>",
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
      .map((p) => `<w:p><w:r><w:t xml:space="preserve">${escape(p)}</w:t></w:r></w:p>`)
      .join("")}</w:body></w:document>`,
    ...(coreXml ? { "docProps/core.xml": coreXml } : {}),
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = Buffer.from(content, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

describe("headlineFrom", () => {
  it("skips a menu above the headline and sentences that end in a full stop", async () => {
    const { headlineFrom } = await import("./text");
    expect(headlineFrom("Skip To Content\nFast Forward\n\nKim Kardashian Meets With Jared Kushner At White House\n\nFollowing months of talks, she visited.")).toBe(
      "Kim Kardashian Meets With Jared Kushner At White House",
    );
    expect(headlineFrom("Johnson was freed on Wednesday.\n\nShe had served 21 years.")).toBe("Johnson was freed on Wednesday.");
  });
});
