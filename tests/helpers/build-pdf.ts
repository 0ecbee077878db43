import { deflateSync } from 'node:zlib';

/**
 * Writes small PDFs for edge cases the corpus files do not isolate. Text is
 * set in a standard font with a ToUnicode map, so Vietnamese reads back
 * exactly without a font program; glyphs are 0.5 em wide, spaces 0.25 em.
 */

export interface PdfText {
  text: string;
  x: number;
  /** Baseline, from the page bottom (PDF user space). */
  y: number;
  size?: number;
  bold?: boolean;
}

/** A straight line drawn on a page (a table border), in PDF user space (y from the page bottom). */
export interface PdfRuling {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PdfOptions {
  /** Lines stroked on each page, by page index. */
  rulings?: PdfRuling[][];
  /** [width, height] of each page, by page index (A4 portrait when not given). */
  pageSizes?: Array<[number, number]>;
  /** Add an /Encrypt dictionary whose user password is not empty. */
  encrypted?: boolean;
  /** Add a document-level JavaScript action. */
  javascript?: boolean;
  /** Indexes of the pages that carry a stamp: a 600 × 600 RGB image, as a scanned seal or signature is. */
  stamps?: number[];
}

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;

function utf16Hex(text: string): string {
  return Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
}

export function buildPdf(pages: PdfText[][], options: PdfOptions = {}): Uint8Array {
  // ASCII keeps its codes (pdf.js knows a space by code 32); other characters take codes from 128 up.
  const codes = new Map<string, number>();
  let nextCode = 128;
  for (const page of pages) {
    for (const item of page) {
      for (const ch of item.text) {
        if (codes.has(ch)) continue;
        const ascii = ch.codePointAt(0)!;
        if (ascii >= 32 && ascii < 127) codes.set(ch, ascii);
        else if (nextCode < 256) codes.set(ch, nextCode++);
        else throw new Error('buildPdf: more than 128 distinct non-ASCII characters');
      }
    }
  }

  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesObject = add('');
  const hex = (code: number): string => code.toString(16).padStart(2, '0').toUpperCase();
  const cmapLines = [...codes].map(([ch, code]) => `<${hex(code)}> <${utf16Hex(ch)}>`);
  const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
${cmapLines.length} beginbfchar
${cmapLines.join('\n')}
endbfchar endcmap CMapName currentdict /CMap defineresource pop end end`;
  const toUnicode = add(`<< /Length ${Buffer.byteLength(cmap, 'latin1')} >>\nstream\n${cmap}\nendstream`);
  const widths = Array.from({ length: 256 }, (_, code) => (code === 32 ? 250 : 500)).join(' ');
  const differences = Array.from({ length: nextCode - 128 }, (_, i) => `/g${128 + i}`).join(' ');
  const font = (name: string): number =>
    add(`<< /Type /Font /Subtype /Type1 /BaseFont /${name} /FirstChar 0 /LastChar 255 /Widths [${widths}] /Encoding << /Type /Encoding /Differences [128 ${differences}] >> /ToUnicode ${toUnicode} 0 R >>`);
  const regular = font('Times-Roman');
  const bold = font('Times-Bold');

  const pixels = deflateSync(Buffer.alloc(600 * 600 * 3, 0xc0)).toString('latin1');
  const stamp = options.stamps?.length
    ? add(`<< /Type /XObject /Subtype /Image /Width 600 /Height 600 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n${pixels}\nendstream`)
    : null;

  const pageIds: number[] = [];
  for (const [index, page] of pages.entries()) {
    const stamped = stamp !== null && options.stamps!.includes(index);
    const strokes = (options.rulings?.[index] ?? []).map((r) => `${r.x1} ${r.y1} m ${r.x2} ${r.y2} l S`);
    const content = [
      ...(strokes.length ? ['0.5 w', ...strokes] : []),
      ...(stamped ? ['q 150 0 0 150 360 60 cm /Im1 Do Q'] : []),
      ...page.map((item) => {
        const bytes = [...item.text].map((ch) => hex(codes.get(ch)!)).join('');
        return `BT /${item.bold ? 'F2' : 'F1'} ${item.size ?? 14} Tf 1 0 0 1 ${item.x} ${item.y} Tm <${bytes}> Tj ET`;
      }),
    ].join('\n');
    const [width, height] = options.pageSizes?.[index] ?? [PAGE_WIDTH, PAGE_HEIGHT];
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    pageIds.push(
      add(`<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >>${stamped ? ` /XObject << /Im1 ${stamp} 0 R >>` : ''} >> /Contents ${stream} 0 R >>`),
    );
  }
  const script = options.javascript ? add(`<< /S /JavaScript /JS (app.alert\\('hello'\\);) >>`) : null;
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObject} 0 R${script ? ` /OpenAction ${script} 0 R` : ''} >>`;
  objects[pagesObject - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  const encrypt = options.encrypted
    ? add(`<< /Filter /Standard /V 1 /R 2 /O <${'7a'.repeat(32)}> /U <${'3c'.repeat(32)}> /P -44 >>`)
    : null;

  let out = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const id = `<${'ab'.repeat(16)}>`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${encrypt ? ` /Encrypt ${encrypt} 0 R /ID [${id} ${id}]` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** Lines of body text, 18 pt apart from `top`, indented first lines marked with a leading tab. */
export function bodyLines(lines: string[], top: number, size = 14): PdfText[] {
  return lines.map((line, i) => ({ text: line.replace(/^\t/, ''), x: line.startsWith('\t') ? 113 : 85, y: top - i * 18.5, size }));
}

/** Text width of a string in the helper's font: glyphs 0.5 em, spaces 0.25 em. */
export function textWidth(text: string, size = 14): number {
  return [...text].reduce((w, ch) => w + (ch === ' ' ? 0.25 : 0.5), 0) * size;
}

/**
 * A ruled grid: horizontal rules at `ys` (top down) across [xs[0], xs.at(-1)],
 * vertical rules at `xs` from the top rule to the bottom one, except where
 * `open` leaves a vertical rule out over a row (a merged cell): `[column boundary index, row index]`.
 */
export function grid(xs: number[], ys: number[], open: Array<[number, number]> = []): PdfRuling[] {
  const rulings: PdfRuling[] = ys.map((y) => ({ x1: xs[0]!, y1: y, x2: xs.at(-1)!, y2: y }));
  for (const [c, x] of xs.entries()) {
    for (let r = 0; r + 1 < ys.length; r++) {
      if (open.some(([oc, or]) => oc === c && or === r)) continue;
      rulings.push({ x1: x, y1: ys[r]!, x2: x, y2: ys[r + 1]! });
    }
  }
  return rulings;
}

export { PAGE_HEIGHT, PAGE_WIDTH };

/** The two-column header block of a plan (issuer and number | motto, place and date), as a PDF sets it. */
export const TWO_COLUMN_HEADER: PdfText[] = [
  { text: 'ỦY BAN NHÂN DÂN', x: 70, y: 790, size: 13 },
  { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', x: 270, y: 790, size: 13, bold: true },
  { text: 'TỈNH THỬ NGHIỆM', x: 80, y: 774, size: 13, bold: true },
  { text: 'Độc lập - Tự do - Hạnh phúc', x: 320, y: 774, size: 14, bold: true },
  { text: 'Số: 12/KH-UBND', x: 85, y: 750, size: 14 },
  { text: 'Thử Nghiệm, ngày 05 tháng 01 năm 2026', x: 300, y: 750, size: 14 },
];
