/**
 * One paper = one PDF of its pages (DIG1). Why a PDF made on the tablet rather than pages plus a
 * manifest: the provincial system and the national portal take one file per paper (thành phần
 * hồ sơ), a PDF opens everywhere, and one hash names the whole paper, so "digitised" means one
 * thing on the tablet, the server and the portal. The pages are already JPEG, so the PDF embeds
 * them as they are (DCTDecode): no re-encoding, no library, ~1 KB of overhead per page.
 */
export type JpegPage = { readonly jpeg: Uint8Array; readonly width: number; readonly height: number };

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** Points per A4 long side: pages are scaled so their long side is A4's. */
const A4_LONG_PT = 842;

export function makePdf(pages: readonly JpegPage[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Uint8Array) => {
    parts.push(b);
    length += b.length;
  };
  const obj = (n: number, body: string, stream?: Uint8Array) => {
    offsets[n] = length;
    push(latin1(`${n} 0 obj\n${body}\n`));
    if (stream) {
      push(latin1('stream\n'));
      push(stream);
      push(latin1('\nendstream\n'));
    }
    push(latin1('endobj\n'));
  };
  push(latin1('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n'));
  const pageIds = pages.map((_, i) => 3 + i * 3);
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, `<< /Type /Pages /Count ${pages.length} /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] >>`);
  pages.forEach((p, i) => {
    const id = pageIds[i]!;
    const scale = A4_LONG_PT / Math.max(p.width, p.height);
    const w = (p.width * scale).toFixed(2),
      h = (p.height * scale).toFixed(2);
    const content = latin1(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`);
    obj(id, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${id + 2} 0 R >> >> /Contents ${id + 1} 0 R >>`);
    obj(id + 1, `<< /Length ${content.length} >>`, content);
    obj(
      id + 2,
      `<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${p.jpeg.length} >>`,
      p.jpeg,
    );
  });
  const count = 3 + pages.length * 3;
  const xrefAt = length;
  let xref = `xref\n0 ${count}\n0000000000 65535 f \n`;
  for (let n = 1; n < count; n++) xref += `${String(offsets[n] ?? 0).padStart(10, '0')} 00000 n \n`;
  push(latin1(`${xref}trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`));
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The JPEG pages of a PDF made by makePdf (for viewing offline without a PDF renderer); [] for other PDFs. */
export function jpegPagesOf(pdf: Uint8Array): Uint8Array[] {
  let text = '';
  for (let i = 0; i < pdf.length; i += 65_536) text += String.fromCharCode(...pdf.subarray(i, i + 65_536));
  const out: Uint8Array[] = [];
  const re = /\/Filter \/DCTDecode \/Length (\d+) >>\nstream\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1]);
    const start = m.index + m[0].length;
    out.push(pdf.subarray(start, start + n));
  }
  return out;
}

/** Pages of any PDF, roughly (page objects counted); at least 1. */
export function pdfPageCount(pdf: Uint8Array): number {
  let text = '';
  for (let i = 0; i < pdf.length; i += 65_536) text += String.fromCharCode(...pdf.subarray(i, i + 65_536));
  return Math.max(1, (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length);
}
