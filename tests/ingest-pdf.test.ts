import iconv from 'iconv-lite';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type PlanDocument } from '../src/index.js';
import { PDF_DOCUMENT_OPTIONS, ingestPdf, loadPdfJs } from '../src/ingest/pdf.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { expectHueBoldness } from './helpers/hue-boldness.js';
import { TWO_COLUMN_HEADER, bodyLines, buildPdf, type PdfText } from './helpers/build-pdf.js';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'fixtures');

const twoColumnHeader: PdfText[] = [
  ...TWO_COLUMN_HEADER,
  { text: 'KẾ HOẠCH', x: 270, y: 710, bold: true },
  { text: 'Thực hiện công tác thử nghiệm năm 2026', x: 170, y: 692, bold: true },
];

describe('PDF edge cases built by the test', () => {
  it('keeps the two columns of the header apart', async () => {
    const document = await parse(buildPdf([[...twoColumnHeader, ...bodyLines(['\tI. NHIỆM VỤ', '\t1. Tuyên truyền', '\t- Tổ chức tuyên truyền pháp luật.'], 650)]]), { name: 'header.pdf' });
    expect(document.metadata).toMatchObject({ documentType: 'KH', number: '12/KH-UBND', place: 'Thử Nghiệm', issuedDate: '2026-01-05', title: 'Thực hiện công tác thử nghiệm năm 2026' });
    expect(document.metadata.issuer).toContain('TỈNH THỬ NGHIỆM');
    expect(document.text).not.toMatch(/DÂN\s+CỘNG HÒA/);
  });

  it('separates a footnote at the page foot, reads its raised marker and drops the page number', async () => {
    const page1: PdfText[] = [
      ...twoColumnHeader,
      ...bodyLines(['\tI. NHIỆM VỤ', '\t1. Tuyên truyền', '\t- Tổ chức tuyên truyền theo Chiến lược quốc gia phòng, chống tội phạm.'], 650),
      // The marker: a small digit raised above the end of the last body line.
      { text: '1', x: 85 + 66 * 7, y: 650 - 2 * 18.5 + 6, size: 9 },
      { text: '1', x: 85, y: 86, size: 9 },
      { text: 'Quyết định số 33/QĐ-TTg ngày 07/01/2026 của Thủ tướng Chính phủ.', x: 91, y: 80, size: 11 },
    ];
    const page2: PdfText[] = [{ text: '2', x: 295, y: 800, size: 13 }, ...bodyLines(['\t2. Kiểm tra', '\t- Kiểm tra việc thực hiện trước ngày 30/6/2026.'], 760)];
    const document = await parse(buildPdf([page1, page2]), { name: 'footnote.pdf' });
    expect(document.footnotes).toHaveLength(1);
    expect(document.footnotes[0]).toMatchObject({ marker: '1', page: 1 });
    expect(document.footnotes[0]!.text).toContain('33/QĐ-TTg');
    expect(document.legalReferences).toEqual([expect.objectContaining({ symbol: '33/QĐ-TTg', inFootnote: true, page: 1 })]);
    // The body reads on across the page break without the page number.
    const body = document.text.slice(0, document.footnotes[0]!.span.start);
    expect(body).not.toMatch(/\n2\n/);
    expect(document.deadlines).toEqual([expect.objectContaining({ date: '2026-06-30', page: 2, sectionPath: ['I', '2'] })]);
    expect(document.sections[0]!.children.map((s) => [s.path.join('/'), s.page])).toEqual([
      ['I/1', 1],
      ['I/2', 2],
    ]);
  });

  it('starts paragraphs at first-line indents, not at line ends', async () => {
    const document = await parse(
      buildPdf([
        [
          ...twoColumnHeader,
          ...bodyLines(
            [
              '\tI. NHIỆM VỤ',
              '\t1. Tuyên truyền pháp luật về phòng, chống tội phạm cho Nhân dân',
              'trên địa bàn tỉnh.',
              '\t2. Kiểm tra, đôn đốc việc thực hiện.',
            ],
            650,
          ),
        ],
      ]),
      { name: 'indent.pdf' },
    );
    expect(document.sections[0]!.children.map((s) => s.text)).toEqual([
      '1. Tuyên truyền pháp luật về phòng, chống tội phạm cho Nhân dân trên địa bàn tỉnh.',
      '2. Kiểm tra, đôn đốc việc thực hiện.',
    ]);
  });
});

describe('PDF reader output', () => {
  it('emits one positioned line per segment, in reading order, with no layout decided', async () => {
    const { lines, pages } = await ingestPdf(buildPdf([twoColumnHeader]), DEFAULT_LIMITS);
    expect(lines.map((l) => l.text)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH THỬ NGHIỆM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 12/KH-UBND',
      'Thử Nghiệm, ngày 05 tháng 01 năm 2026',
      'KẾ HOẠCH',
      'Thực hiện công tác thử nghiệm năm 2026',
    ]);
    // Boxes from the page's top-left corner: the first baseline is 790 pt above the foot of an 842 pt page.
    expect(lines[0]).toMatchObject({
      origin: { page: 1, box: { x: 70, y: 842 - 790 - 13, height: 13 }, paragraph: null, cell: null, offset: null },
      fontSize: 13,
      bold: false,
      startsParagraph: null,
      role: 'body',
    });
    expect(pages).toEqual([{ number: 1, width: 595, height: 842, rulings: [] }]);
  });
});

describe('PDF corpus files', () => {
  it('gives every entity of hcmc-2026.pdf a page within the document', async () => {
    const document: PlanDocument = await parse(join(fixtures, 'hcmc-2026.pdf'));
    expect(document.source).toMatchObject({ format: 'pdf', pageCount: 16 });
    for (const list of [document.targets, document.deadlines, document.assignments, document.sections]) {
      for (const entity of list) expect(entity.page).toBeGreaterThanOrEqual(1);
    }
    expect(Math.max(...document.deadlines.map((d) => d.page!))).toBeGreaterThan(5);
  });

  it('reads hue-2026.pdf titles as bold from their font names, and its running text as regular', async () => {
    expectHueBoldness((await ingestPdf(readFileSync(join(fixtures, 'hue-2026.pdf')), DEFAULT_LIMITS)).lines);
  });

  it('reads the hue-2026.pdf footnotes with their references', async () => {
    const document = await parse(join(fixtures, 'hue-2026.pdf'));
    expect(document.footnotes.map((f) => f.marker)).toEqual(['1', '2', '3']);
    expect(document.legalReferences.filter((r) => r.inFootnote).map((r) => r.symbol)).toContain('04/2019/QĐ-TTg');
  });
});

describe('PDF in a legacy font encoding', () => {
  it('decodes the TCVN3 runs and leaves the Unicode runs alone, with a warning', async () => {
    // As a WinAnsi .VnTime font prints it: code 0xAD ("ư") is the glyph named "hyphen".
    const tcvn3 = (text: string): string => iconv.encode(text, 'tcvn').toString('latin1').replace(/\u00AD/g, '-');
    const regular = (text: string, x: number, y: number): PdfText => ({ text: tcvn3(text), x, y });
    const bytes = buildPdf([
      [
        { text: 'ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM', x: 60, y: 790, size: 13, bold: true },
        regular('Số: 12/KH-UBND', 85, 770),
        { text: 'KẾ HOẠCH', x: 270, y: 720, bold: true },
        { text: 'Thực hiện công tác thử nghiệm năm 2026', x: 170, y: 702, bold: true },
        { text: 'I. NHIỆM VỤ', x: 113, y: 660, bold: true },
        regular('1. Phấn đấu kéo giảm ít nhất 10% số vụ phạm tội về trật tự xã hội.', 113, 641.5),
        regular('2. Tổ chức tuyên truyền trước ngày 25/3/2026 tại các xã, phường.', 113, 623),
      ],
    ]);
    const document = await parse(bytes, { name: 'legacy.pdf' });
    expect(document.warnings.map((w) => w.code)).toContain('LEGACY_ENCODING_TCVN3');
    expect(document.metadata.title).toBe('Thực hiện công tác thử nghiệm năm 2026');
    expect(document.targets[0]).toMatchObject({ value: 10, comparator: 'gte', indicator: 'số vụ phạm tội về trật tự xã hội' });
    expect(document.deadlines[0]).toMatchObject({ date: '2026-03-25' });
  });
});

describe('PDF bold faces as heading evidence', () => {
  // A title line in bold that ends short, then regular text at the margin with no wider gap and no indent.
  const titled = (boldTitle: boolean): Uint8Array =>
    buildPdf([
      [
        ...twoColumnHeader,
        ...bodyLines(['\tI. NHIỆM VỤ', '\t1. Nhiệm vụ trọng tâm: tuyên truyền, phòng ngừa', '\t- Tổ chức tuyên truyền pháp luật.', '\t2. Kiểm tra, giám sát', 'Các sở, ngành kiểm tra việc thực hiện trước ngày 30/6/2026.'], 650).map(
          (line, i) => ({ ...line, bold: boldTitle && i <= 3 && i !== 2 }),
        ),
      ],
    ]);

  it('reads the bold faces by name and takes a bold labelled paragraph as a title', async () => {
    const document = await parse(titled(true), { name: 'bold.pdf' });
    const [first, second] = document.sections[0]!.children;
    // Its colon would make regular text a run-in sentence; in bold it is the title.
    expect(first).toMatchObject({ path: ['I', '1'], heading: 'Nhiệm vụ trọng tâm: tuyên truyền, phòng ngừa' });
    // The bold title ends where the regular line begins, though nothing else marks a new paragraph.
    expect(second).toMatchObject({ path: ['I', '2'], heading: 'Kiểm tra, giám sát', text: '2. Kiểm tra, giám sát\nCác sở, ngành kiểm tra việc thực hiện trước ngày 30/6/2026.' });
    expect(document.deadlines).toEqual([expect.objectContaining({ date: '2026-06-30', sectionPath: ['I', '2'] })]);
  });

  it('reads the same lines in regular type as run-on text without titles', async () => {
    const document = await parse(titled(false), { name: 'regular.pdf' });
    const [first, second] = document.sections[0]!.children;
    expect(first!.heading).toBeNull();
    expect(second).toMatchObject({ heading: null, text: '2. Kiểm tra, giám sát Các sở, ngành kiểm tra việc thực hiện trước ngày 30/6/2026.' });
  });
});

/** Runs an ES module script in a fresh node, from the package root (the built package); returns the JSON it printed last. */
function runScript(script: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

describe('pdf.js run for text only', () => {
  it('names the fonts of an operator list without compiling a glyph outline', async () => {
    const { getDocument } = await loadPdfJs();
    const document = await getDocument({ data: new Uint8Array(readFileSync(join(fixtures, 'hue-2026.pdf'))), ...PDF_DOCUMENT_OPTIONS }).promise;
    try {
      const page = await document.getPage(9);
      await page.getOperatorList();
      const objects = [...page.commonObjs] as Array<[string, { name?: string }]>;
      // hue-2026 is set in Liberation Serif; its bold face names the titles (see expectHueBoldness).
      expect(objects.map(([, font]) => font.name).filter((name) => name !== undefined).some((name) => /\+LiberationSerif-Bold$/.test(name))).toBe(true);
      // With pdf.js's Node default (no font faces), every glyph shown would be compiled into a "<font>_path_<glyph>" object.
      expect(objects.filter(([id]) => id.includes('_path_'))).toEqual([]);
    } finally {
      await document.destroy();
    }
  });

  it('never decodes an image: a stamped page reads as without its stamp, and its operator list paints none', async () => {
    const page: PdfText[] = [...twoColumnHeader, ...bodyLines(['\tI. NHIỆM VỤ', '\t1. Tuyên truyền', '\t- Tổ chức tuyên truyền pháp luật.'], 650)];
    const stamped = buildPdf([page], { stamps: [0] });
    const { getDocument, OPS } = await loadPdfJs();
    const document = await getDocument({ data: stamped.slice(), ...PDF_DOCUMENT_OPTIONS }).promise;
    try {
      const { fnArray } = await (await document.getPage(1)).getOperatorList();
      expect(fnArray.filter((op) => op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject)).toEqual([]);
      expect(fnArray).toContain(OPS.showText);
    } finally {
      await document.destroy();
    }
    // The stamp is there to be read: pdf.js's default decodes it.
    const { maxImageSize: _, ...decoding } = PDF_DOCUMENT_OPTIONS;
    const withImages = await getDocument({ data: stamped.slice(), ...decoding }).promise;
    try {
      expect((await (await withImages.getPage(1)).getOperatorList()).fnArray).toContain(OPS.paintImageXObject);
    } finally {
      await withImages.destroy();
    }
    const [plain, sealed] = await Promise.all([ingestPdf(buildPdf([page]), DEFAULT_LIMITS), ingestPdf(stamped, DEFAULT_LIMITS)]);
    expect(sealed).toEqual(plain);
  });

  it('in its own child process, never loads Node’s fetch, and leaves its Response as it was, unread', async () => {
    const result = runScript(`
      const { claimProcessGlobals } = await import('./dist/ingest/pdfjs.js');
      claimProcessGlobals(); // as the sandbox's child does
      const { parse } = await import('./dist/index.js');
      const document = await parse('fixtures/hue-2026-page1.pdf', { isolate: false });
      const fetchLoaded = process.moduleLoadList.some((name) => name.includes('undici'));
      const stillLazy = typeof Object.getOwnPropertyDescriptor(globalThis, 'Response').get === 'function';
      const response = new Response('x');
      console.log(JSON.stringify({ sections: document.sections.length, fetchLoaded, stillLazy, status: response.status, bytes: typeof response.bytes }));
    `);
    expect(result.sections).toBeGreaterThan(0);
    expect(result).toMatchObject({ fetchLoaded: false, stillLazy: true, status: 200, bytes: 'function' });
  });

  it('in a host application’s process, never stands in for its Response, not even while pdf.js loads', async () => {
    const result = runScript(`
      const { parse } = await import('./dist/index.js');
      // Read without calling the global's getter: a plain value before Node's fetch has loaded is a stand-in.
      let stoodIn = false;
      const watch = setInterval(() => {
        const own = Object.getOwnPropertyDescriptor(globalThis, 'Response');
        if ('value' in own && !process.moduleLoadList.some((name) => name.includes('undici'))) stoodIn = true;
      }, 0);
      const document = await parse('fixtures/hue-2026-page1.pdf', { isolate: false });
      clearInterval(watch);
      console.log(JSON.stringify({ sections: document.sections.length, stoodIn, status: new Response('x').status }));
    `);
    expect(result.sections).toBeGreaterThan(0);
    expect(result).toMatchObject({ stoodIn: false, status: 200 });
  });

  it('never loads the canvas package, yet a renderer in the same process gets its classes', async () => {
    const result = runScript(`
      import { createRequire } from 'node:module';
      const { parse } = await import('./dist/index.js');
      for (const name of ['hue-2026', 'chuyen-doi-so-2025']) await parse('fixtures/' + name + '.pdf', { isolate: false });
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('@napi-rs')).map((path) => path.split('@napi-rs/')[1]);
      const afterParsing = loaded();
      const path2d = typeof Path2D;
      console.log(JSON.stringify({ afterParsing, path2d, afterDrawingAsked: loaded().includes('canvas/index.js') }));
    `);
    // Only the package's pure-JavaScript DOMMatrix, which pdf.js constructs as it loads.
    expect(result.afterParsing).toEqual(['canvas/geometry.js']);
    expect(result.path2d).toBe('function');
    expect(result.afterDrawingAsked).toBe(true);
  });
});

describe('pdf.js loaded by the application first', () => {
  // An application that uses pdf.js itself may load it before kehoach: its core-js has then replaced these already.
  const script = (pdfjsFirst: boolean): string => `
    import { runInNewContext } from 'node:vm';
    import { createHash } from 'node:crypto';
    ${pdfjsFirst ? "await import('pdfjs-dist/legacy/build/pdf.mjs');" : ''}
    const replaced = Array.prototype.push;
    const { parse } = await import('./dist/index.js');
    const hash = (document) => createHash('sha256').update(JSON.stringify(document)).digest('hex');
    const inProcess = hash(await parse('fixtures/hue-2026.pdf', { isolate: false }));
    const isolated = hash(await parse('fixtures/hue-2026.pdf'));
    // core-js makes its functions' toString read "[native code]" in this realm; a fresh realm's toString tells.
    const engines = (f) => /\\{\\s*\\[native code\\]\\s*\\}$/.test(runInNewContext('Function.prototype.toString').call(f));
    console.log(JSON.stringify({ replacedBefore: !engines(replaced), push: engines(Array.prototype.push), stringify: engines(JSON.stringify), parsesHere: JSON.parse('{"a":[1]}').a instanceof Array, inProcess, isolated }));
  `;

  it('parses alike, in process and isolated, with the engine builtins back in place', async () => {
    const [first, alone] = [runScript(script(true)), runScript(script(false))];
    expect(first.replacedBefore).toBe(true);
    expect(alone.replacedBefore).toBe(false);
    for (const run of [first, alone]) expect(run).toMatchObject({ push: true, stringify: true, parsesHere: true });
    expect(first.inProcess).toBe(alone.inProcess);
    expect(first.isolated).toBe(alone.isolated);
    expect(first.inProcess).toBe(first.isolated);
  });

  it('uses the application’s pdf.js, of the same version, rather than loading a second one', async () => {
    const result = runScript(`
      const application = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const { loadPdfJs } = await import('./dist/ingest/pdfjs.js');
      const library = await loadPdfJs();
      console.log(JSON.stringify({ same: library.getDocument === application.getDocument, worker: typeof globalThis.pdfjsWorker?.WorkerMessageHandler }));
    `);
    expect(result).toEqual({ same: true, worker: 'function' });
  });

  it('runs parseText on the engine builtins too, after an application loaded pdf.js', async () => {
    const result = runScript(`
      import { readFileSync } from 'node:fs';
      import { runInNewContext } from 'node:vm';
      await import('pdfjs-dist/legacy/build/pdf.mjs');
      const { parseText } = await import('./dist/index.js');
      const engines = (f) => /\\{\\s*\\[native code\\]\\s*\\}$/.test(runInNewContext('Function.prototype.toString').call(f));
      const before = engines(Array.prototype.push);
      const document = parseText(readFileSync('fixtures/hue-2026.txt', 'utf8'), { name: 'hue-2026.txt' });
      console.log(JSON.stringify({ before, push: engines(Array.prototype.push), stringify: engines(JSON.stringify), targets: document.targets.length }));
    `);
    expect(result).toMatchObject({ before: false, push: true, stringify: true });
    expect(result.targets).toBeGreaterThan(0);
  });

  it('puts back the very functions it found when the application loads pdf.js after kehoach', async () => {
    const result = runScript(`
      const own = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
      const { parse } = await import('./dist/index.js');
      await import('pdfjs-dist/legacy/build/pdf.mjs');
      const replaced = Array.prototype.push !== own.push && JSON.stringify !== own.stringify;
      await parse('fixtures/hue-2026-page1.txt', { isolate: false });
      console.log(JSON.stringify({ replaced, restored: Array.prototype.push === own.push && JSON.parse === own.parse && JSON.stringify === own.stringify }));
    `);
    expect(result).toEqual({ replaced: true, restored: true });
  });

  it('answers core-js’s Uint8Array toBase64 with the native encoder, giving what core-js gives', async () => {
    const result = runScript(`
      import fc from 'fast-check';
      const engineHasIt = typeof Uint8Array.prototype.toBase64 === 'function';
      await import('pdfjs-dist/legacy/build/pdf.mjs');
      const coreJs = Uint8Array.prototype.toBase64;
      const { parse } = await import('./dist/index.js');
      await parse('fixtures/hue-2026.pdf', { isolate: false });
      const ours = Uint8Array.prototype.toBase64;
      // What a call gives: its answer, or the name of what it throws.
      const outcome = (f) => { try { return f(); } catch (error) { return 'throws ' + error.constructor.name; } };
      const differing = [];
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(8), fc.nat(8), fc.boolean(), (bytes, head, tail, inSharedMemory) => {
          const source = inSharedMemory ? new Uint8Array(new SharedArrayBuffer(bytes.length)) : bytes;
          if (inSharedMemory) source.set(bytes);
          const view = source.subarray(Math.min(head, bytes.length), Math.max(Math.min(head, bytes.length), bytes.length - tail));
          for (const options of [[], [undefined], [{ alphabet: 'base64url' }], [{ omitPadding: true }], [{ alphabet: 'base64url', omitPadding: true }]]) {
            const [expected, actual] = [outcome(() => coreJs.apply(view, options)), outcome(() => ours.apply(view, options))];
            if (expected !== actual) differing.push({ bytes: [...view], inSharedMemory, options, expected, actual });
          }
        }),
        { seed: 20261202, numRuns: 400 },
      );
      const detached = new Uint8Array(8);
      structuredClone(detached.buffer, { transfer: [detached.buffer] });
      console.log(JSON.stringify({
        engineHasIt,
        replaced: ours !== coreJs,
        differing: differing.slice(0, 3),
        detached: [outcome(() => coreJs.call(detached)), outcome(() => ours.call(detached))],
        lengths: [coreJs.length, ours.length],
        font: new Uint8Array([0, 1, 0, 0, 0x4f, 0x54]).toBase64(),
      }));
    `);
    // Node 20 to 24 have no toBase64 of their own: core-js's is the one pdf.js calls, and it is answered natively.
    // An engine with its own keeps it.
    expect(result.replaced).toBe(!result.engineHasIt);
    expect(result.differing).toEqual([]);
    expect(result.detached).toEqual(['throws TypeError', 'throws TypeError']);
    expect(result.lengths).toEqual([0, 0]);
    expect(result.font).toBe('AAEAAE9U');
  });
});
