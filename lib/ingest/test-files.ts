/* Files built in code for tests (unit and e2e): no binary fixtures in the repo. */

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
