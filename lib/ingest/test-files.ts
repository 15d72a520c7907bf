/* Files built in code for tests (unit and e2e): no binary fixtures in the repo. */
import { crc32, deflateRawSync } from "node:zlib";

/**
 * A real PDF written by hand: one Helvetica text object per page, one line per string, an optional
 * Info dictionary, and a cross-reference table whose byte offsets are computed from the output.
 */
export function buildPdf({ pages, info }: { pages: string[][]; info?: Record<string, string> }): Uint8Array {
  const pdfString = (text: string) => `(${text.replace(/[()\\]/g, "\\$&")})`;
  // Objects 1 and 2 are the catalog and the page tree; each page takes a page object and a content stream.
  const fontId = 3 + pages.length * 2;
  const infoId = fontId + 1;
  const pageIds = pages.map((_, i) => 3 + i * 2);
  const objects: string[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`,
  ];
  for (const [i, lines] of pages.entries()) {
    const content = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((line) => `${pdfString(line)} Tj T*`).join(" ")} ET`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${pageIds[i] + 1} 0 R /Resources << /Font << /F1 ${fontId} 0 R >> >> >>`,
      `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    );
  }
  objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  if (info) objects.push(`<< ${Object.entries(info).map(([key, value]) => `/${key} ${pdfString(value)}`).join(" ")} >>`);

  const chunks: Buffer[] = [];
  let length = 0;
  const write = (text: string) => {
    const chunk = Buffer.from(text, "latin1");
    chunks.push(chunk);
    length += chunk.length;
  };
  write("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
  const offsets = objects.map((object, i) => {
    const at = length;
    write(`${i + 1} 0 obj\n${object}\nendobj\n`);
    return at;
  });
  const xref = length;
  // Each cross-reference entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, type, CR LF.
  write(`xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n\r\n`).join("")}`);
  write(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${info ? ` /Info ${infoId} 0 R` : ""} >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A .docx zip bomb: a valid Word package whose word/document.xml is `inflatedBytes` of paragraphs,
 * deflated to a few hundred KB. `declare: "honest"` writes the true uncompressed size in the zip's
 * headers; "lie" claims a small one, as a hostile file can.
 */
export function buildDocxBomb({ inflatedBytes, declare = "honest" }: { inflatedBytes: number; declare?: "honest" | "lie" }): Uint8Array {
  const paragraph = "<w:p><w:r><w:t>Officials said the ferry carried 40 passengers across the bay on Tuesday. </w:t></w:r></w:p>";
  const head = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
  const tail = "</w:body></w:document>";
  const count = Math.max(1, Math.floor((inflatedBytes - head.length - tail.length) / paragraph.length));
  const document = Buffer.alloc(head.length + count * paragraph.length + tail.length);
  document.write(head, 0, "latin1");
  document.fill(paragraph, head.length, head.length + count * paragraph.length, "latin1");
  document.write(tail, head.length + count * paragraph.length, "latin1");
  const parts: Array<[string, Buffer, boolean]> = [
    [
      "[Content_Types].xml",
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      false,
    ],
    [
      "_rels/.rels",
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      false,
    ],
    ["word/document.xml", document, true],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content, lie] of parts) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = deflateRawSync(content, { level: 9 });
    const crc = crc32(content);
    const declared = lie && declare === "lie" ? 4096 : content.length;
    const header = (signature: number, size: number) => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(signature, 0);
      return b;
    };
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = header(0x02014b50, 46);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/**
 * A long article as a pasted web page often is: one line, no paragraph breaks, `chars` long, its
 * numbers varied by `seed` so that articles differ (and disagree on facts).
 */
export function longArticleText(chars: number, seed: number): string {
  const sentences = [
    `Officials in Harbour City ${seed} said the ferry carried ${seed + 10} passengers across the bay on Tuesday.`,
    "The council approved a budget of 4 million dollars for road repairs after a long debate.",
    `Mayor Jane Smith, ${40 + (seed % 20)} years old, praised the vote and thanked the residents who came.`,
    `Alice Marie Johnson, a ${60 + (seed % 3)}-year-old great-grandmother, was mentioned in the speech.`,
    `Work on the bridge began in ${1990 + (seed % 30)} and is expected to finish within the decade.`,
  ];
  let out = "";
  for (let i = 0; out.length < chars; i++) out += `${sentences[i % sentences.length]} `;
  return out.slice(0, chars).trim();
}
