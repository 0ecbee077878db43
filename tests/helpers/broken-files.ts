import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { ErrorCode } from '../../src/index.js';
import { buildDocx, p, planOpening } from './build-docx.js';
import { bodyLines, buildPdf } from './build-pdf.js';

export interface BrokenFile {
  name: string;
  bytes: Uint8Array;
  /** The documented error code, or null when the file must parse. */
  code: ErrorCode | null;
}

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');

/** Pseudo-random bytes from a fixed seed, so that failures reproduce. */
function randomBytes(length: number, seed: number): Uint8Array {
  let state = seed;
  return new Uint8Array(length).map(() => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state >> 16;
  });
}

const planPage = [
  { text: 'KẾ HOẠCH', x: 270, y: 760, bold: true },
  { text: 'Thực hiện công tác thử nghiệm năm 2026', x: 170, y: 742, bold: true },
  ...bodyLines(['\tI. NHIỆM VỤ', '\t1. Tuyên truyền', '\t- Tổ chức tuyên truyền pháp luật trước ngày 30/6/2026.', '\tII. TỔ CHỨC THỰC HIỆN', '\t1. Công an tỉnh chủ trì thực hiện.'], 700),
];

/** Every kind of broken or hostile input the library documents an answer for. */
export async function brokenFiles(): Promise<BrokenFile[]> {
  const pdf = readFileSync(join(fixtures, 'hue-2026.pdf'));
  const docx = readFileSync(join(fixtures, 'hue-2026.docx'));

  const notDocx = new JSZip();
  notDocx.file('xl/workbook.xml', '<workbook/>');
  notDocx.file('readme.txt', 'not a document');

  const malformed = await JSZip.loadAsync(docx);
  malformed.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:r></w:p>');

  const entityBomb = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`;
  const xxe = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>`;
  const deep = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:sdt><w:sdtContent>'.repeat(400)}<w:p/>${'</w:sdtContent></w:sdt>'.repeat(400)}</w:body></w:document>`;

  // An Office file encrypted with a password is a compound file holding an "EncryptedPackage" stream.
  const encryptedDocx = new Uint8Array(4096);
  encryptedDocx.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  encryptedDocx.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);

  return [
    { name: 'truncated.pdf', bytes: pdf.subarray(0, Math.floor(pdf.length * 0.6)), code: 'CORRUPT_INPUT' },
    { name: 'random.pdf', bytes: randomBytes(4096, 1), code: 'CORRUPT_INPUT' },
    { name: 'random.docx', bytes: randomBytes(4096, 2), code: 'CORRUPT_INPUT' },
    { name: 'spreadsheet.docx', bytes: await notDocx.generateAsync({ type: 'uint8array' }), code: 'UNSUPPORTED_FORMAT' },
    { name: 'malformed-xml.docx', bytes: await malformed.generateAsync({ type: 'uint8array' }), code: 'CORRUPT_INPUT' },
    { name: 'truncated.docx', bytes: docx.subarray(0, Math.floor(docx.length * 0.5)), code: 'CORRUPT_INPUT' },
    { name: 'entity-bomb.docx', bytes: await buildDocx({ body: [], extraParts: { 'word/document.xml': entityBomb } }), code: 'CORRUPT_INPUT' },
    { name: 'xxe.docx', bytes: await buildDocx({ body: [], extraParts: { 'word/document.xml': xxe } }), code: 'CORRUPT_INPUT' },
    { name: 'deep-nesting.docx', bytes: await buildDocx({ body: [], extraParts: { 'word/document.xml': deep } }), code: 'LIMIT_EXCEEDED' },
    { name: 'encrypted.docx', bytes: encryptedDocx, code: 'ENCRYPTED' },
    // A compound file with no Word stream in it: read as a .doc, and refused as damaged.
    { name: 'damaged.doc', bytes: encryptedDocx.map((b, i) => (i >= 1024 ? 0 : b)), code: 'CORRUPT_INPUT' },
    { name: 'encrypted.pdf', bytes: buildPdf([planPage], { encrypted: true }), code: 'ENCRYPTED' },
    { name: 'javascript.pdf', bytes: buildPdf([planPage], { javascript: true }), code: null },
    { name: 'image-only.pdf', bytes: buildPdf([[], []]), code: 'NO_TEXT_LAYER' },
    { name: 'zero-pages.pdf', bytes: buildPdf([]), code: 'NO_TEXT_LAYER' },
    { name: 'empty.pdf', bytes: new Uint8Array(0), code: 'EMPTY_INPUT' },
    { name: 'not-a-plan.txt', bytes: Buffer.from('Cách nấu phở bò.\nChuẩn bị xương bò, bánh phở, hành, gừng.\nNinh xương trong 6 giờ.\n'), code: 'NOT_A_PLAN' },
    { name: 'good.docx', bytes: await buildDocx({ body: [...planOpening(), p('I. NHIỆM VỤ'), p('1. Tổ chức tuyên truyền pháp luật.')] }), code: null },
  ];
}
