import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KehoachError, parseText, type PlanDocument } from '../src/index.js';
import { agencyKey } from '../src/lexicon/agencies.js';
import { countSections } from '../src/export/summary.js';
import { createReportWriter, planRows, type ReportEntry } from '../src/report/index.js';
import { isoDay, reportData, rowsOf } from './helpers/report-data.js';

/**
 * The report's data, built from the corpus: what planRows keeps of a plan,
 * and what the writer puts in the page (decoded as the page decodes it).
 */

const root = join(import.meta.dirname, '..');
const FIXTURES = ['chuyen-doi-so-2025', 'giao-duc-nam-hoc', 'hcmc-2026', 'hue-2026', 'le-hoi-du-lich', 'tan-binh-2025'];
const documents = new Map<string, PlanDocument>();
const tmp = mkdtempSync(join(tmpdir(), 'kehoach-report-'));
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

beforeAll(() => {
  for (const name of FIXTURES) {
    const text = readFileSync(join(root, 'fixtures', `${name}.txt`), 'utf8');
    documents.set(name, parseText(text, { name: `${name}.txt` }));
  }
});

const entryOf = (name: string): ReportEntry => ({ file: `kho/${name}.txt`, sha256: sha(name), status: 'ok', document: documents.get(name)! });

describe('planRows', () => {
  it('counts every entity type of a plan, with its period', () => {
    const document = documents.get('chuyen-doi-so-2025')!;
    const { plan } = planRows(entryOf('chuyen-doi-so-2025'));
    expect(plan).toMatchObject({ file: 'kho/chuyen-doi-so-2025.txt', status: 'ok', number: '45/KH-UBND', title: 'Chuyển đổi số tỉnh Hòa Bình năm 2025', issuedDate: '2025-04-08', code: null });
    expect(plan.counts).toEqual({
      sections: countSections(document.sections),
      targets: document.targets.length,
      deadlines: document.deadlines.length,
      legalReferences: document.legalReferences.length,
      assignments: document.assignments.length,
      tasks: document.tasks.length,
      warnings: document.warnings.length,
    });
    expect(plan.counts).toMatchObject({ targets: 31, deadlines: 32, assignments: 73, tasks: 24 });
    expect(plan.span).toEqual({ start: '2025-04-08', end: '2025-12-31' });
  });

  it('gives each deadline its section, text, the work due and the agencies assigned to it', () => {
    const { deadlines } = planRows(entryOf('chuyen-doi-so-2025'));
    expect(deadlines).toHaveLength(32);
    const june = deadlines.filter((d) => d.due?.startsWith('2025-06'));
    expect(june.map((d) => [d.due, d.section, d.text])).toEqual([
      ['2025-06-30', 'III › 2 › 2.2', 'trước ngày 30/6/2025'],
      ['2025-06-10', 'V › 4', 'trước ngày 10/6/2025'],
      ['2025-06-30', 'Phụ lục I › I › 1', 'Quý II/2025'],
      ['2025-06-30', 'Phụ lục I › I › 3', 'Trước 30/6/2025'],
    ]);
    const kho = june[3]!;
    expect(kho.work).toBe('Xây dựng Kho dữ liệu dùng chung của tỉnh');
    expect(kho.agencies.map((a) => [a.name, a.role])).toEqual([
      ['Sở Khoa học và Công nghệ', 'lead'],
      ['Các sở, ban, ngành', 'support'],
    ]);
    const monthly = deadlines.find((d) => d.text === 'định kỳ hằng tháng')!;
    expect(monthly).toMatchObject({ kind: 'recurring', due: null, recurrence: ['monthly'], section: 'III › 3 › 3.1' });
  });

  it('joins a deadline to every assignment and task that carries its id, each agency once in its strongest role', () => {
    for (const [name, document] of documents) {
      const { deadlines } = planRows(entryOf(name));
      document.deadlines.forEach((deadline, i) => {
        const expected = new Set<string>();
        for (const a of document.assignments) if (a.deadlineId === deadline.id) expected.add(a.agencyKey);
        const keyOf = new Map(document.assignments.map((a) => [a.agency, a.agencyKey] as const));
        for (const t of document.tasks)
          if (t.deadlineId === deadline.id) for (const agency of [...t.lead, ...t.support]) if (agency.trim()) expected.add(keyOf.get(agency) ?? agencyKey(agency));
        expect(new Set(deadlines[i]!.agencies.map((a) => a.key)), `${name} ${deadline.id}`).toEqual(expected);
      });
    }
  });

  it('keeps each target with its figure and indicator', () => {
    const { targets } = planRows(entryOf('chuyen-doi-so-2025'));
    expect(targets).toHaveLength(31);
    expect(targets.find((t) => t.indicator === 'hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình')).toEqual({
      section: 'II › 2 › 2.1',
      indicator: 'hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình',
      text: '- Tối thiểu 80% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình',
      direction: 'reach',
      comparator: 'gte',
      unit: '%',
      value: 80,
      valueMax: null,
      page: null,
    });
  });

  it('lists the responsibility rows of the plan view’s matrix: one per task, its lead first', () => {
    const document = documents.get('chuyen-doi-so-2025')!;
    const { responsibilities } = planRows(entryOf('chuyen-doi-so-2025'));
    const tasks = responsibilities.filter((r) => r.task);
    expect(tasks).toHaveLength(document.tasks.length);
    tasks.forEach((row, i) => {
      for (const lead of document.tasks[i]!.lead) expect(row.agencies.find((a) => a.name === lead.trim())?.role, row.label).toBe('lead');
    });
    const noiVu = responsibilities.filter((r) => r.agencies.some((a) => a.name === 'Sở Nội vụ'));
    expect(noiVu.map((r) => [r.label, r.section])).toEqual([['Bồi dưỡng kiến thức, kỹ năng số cho tối thiểu 400 học viên là cán bộ, công chức, viên…', 'III › 1 › 1.2']]);
    expect(responsibilities.length).toBeGreaterThan(tasks.length);
  });

  it('keeps a status row only for errors, skipped files and duplicates', () => {
    const error = planRows({ file: 'kho/hong.pdf', sha256: sha('x'), status: 'error', error: { code: 'CORRUPT_INPUT', message: 'kho/hong.pdf: not a PDF' } });
    expect(error.plan).toMatchObject({ status: 'error', code: 'CORRUPT_INPUT', message: 'kho/hong.pdf: not a PDF', counts: null });
    expect(error.deadlines).toEqual([]);
    const skipped = planRows({ file: 'kho/anh.png', sha256: null, status: 'skipped', reason: 'not a plan format' });
    expect(skipped.plan).toMatchObject({ status: 'skipped', code: null, message: 'not a plan format', sha256: null });
    const duplicate = planRows({ ...entryOf('hue-2026'), file: 'kho/ban-sao.txt', duplicateOf: 'kho/hue-2026.txt' });
    expect(duplicate.plan).toMatchObject({ duplicateOf: 'kho/hue-2026.txt', counts: { deadlines: 7, tasks: 23 } });
    expect([duplicate.deadlines, duplicate.targets, duplicate.responsibilities]).toEqual([[], [], []]);
  });
});

describe('createReportWriter', () => {
  let html: string;
  let dir: string;
  beforeAll(async () => {
    dir = join(tmp, 'corpus');
    mkdirSync(dir);
    const writer = createReportWriter(dir, { generatedAt: null, title: 'Kho <thử>' });
    for (const name of FIXTURES) writer.add(entryOf(name));
    writer.add({ ...entryOf('hue-2026'), file: 'kho/ban-sao.txt', duplicateOf: 'kho/hue-2026.txt' });
    writer.add({ file: 'kho/hong.pdf', sha256: sha('hong'), status: 'error', error: { code: 'CORRUPT_INPUT', message: 'kho/hong.pdf: </script><script>alert(1)</script>' } });
    writer.add({ file: 'kho/anh.png', sha256: null, status: 'skipped', reason: 'not a plan format' });
    const summary = await writer.close();
    expect(summary.path).toBe(join(dir, 'report.html'));
    expect(summary.totals).toMatchObject({ files: 9, statuses: { ok: 7, error: 1, skipped: 1 }, duplicates: 1, errorCodes: { CORRUPT_INPUT: 1 } });
    html = readFileSync(summary.path, 'utf8');
    expect(summary.bytes).toBe(Buffer.byteLength(html));
  });

  it('leaves only report.html in the folder', () => {
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('writes a file table row per input, in order, with status, error and counts', () => {
    const plans = rowsOf(reportData(html), 'plans', ['file', 'sha256', 'code', 'message', 'duplicateOf', 'number', 'title']);
    expect(plans.map((p) => [p.file, p.status, p.code, p.duplicateOf])).toEqual([
      ...FIXTURES.map((name) => [`kho/${name}.txt`, 0, '', '']),
      ['kho/ban-sao.txt', 0, '', 'kho/hue-2026.txt'],
      ['kho/hong.pdf', 1, 'CORRUPT_INPUT', ''],
      ['kho/anh.png', 2, '', ''],
    ]);
    expect(plans[0]).toMatchObject({ number: '45/KH-UBND', sha256: sha('chuyen-doi-so-2025'), deadlines: 32, targets: 31, tasks: 24, pages: -1 });
    expect(plans[7]).toMatchObject({ message: 'kho/hong.pdf: </script><script>alert(1)</script>', deadlines: -1 });
  });

  it('writes every deadline of every plan once (a duplicate’s not again), as planRows gives it', () => {
    const data = reportData(html);
    const deadlines = rowsOf(data, 'deadlines', ['section', 'text', 'work']);
    const expected = FIXTURES.flatMap((name) => planRows(entryOf(name)).deadlines);
    expect(deadlines).toHaveLength(expected.length);
    const pairs = data.deadlineAgencies as number[];
    let pair = 0;
    deadlines.forEach((row, i) => {
      const want = expected[i]!;
      expect([row.section, row.text, row.work, data.kinds[row.kind as number], isoDay(row.due as number)]).toEqual([want.section, want.text, want.work ?? '', want.kind, want.due]);
      const agencies: [string, string][] = [];
      for (let k = 0; k < (row.agencies as number); k++, pair++) agencies.push([data.agencies[pairs[pair * 2]!]!, data.roles[pairs[pair * 2 + 1]!]!]);
      expect(agencies.map(([, role]) => role)).toEqual(want.agencies.map((a) => a.role));
    });
    expect(pair * 2).toBe(pairs.length);
  });

  it('writes targets with their figures, the indicator found inside the text', () => {
    const data = reportData(html);
    const targets = rowsOf(data, 'targets', ['section', 'indicator', 'text', 'unit']);
    const expected = FIXTURES.flatMap((name) => planRows(entryOf(name)).targets);
    expect(targets).toHaveLength(expected.length);
    targets.forEach((row, i) => {
      const want = expected[i]!;
      const indicator = row.indicatorAt === -1 ? row.indicator : (row.text as string).substr(row.indicatorAt as number, row.indicatorLength as number);
      expect([indicator, row.unit, row.value, data.directions[row.direction as number], data.comparators[row.comparator as number]]).toEqual([want.indicator, want.unit, want.value, want.direction, want.comparator]);
    });
  });

  it('joins agencies across plans by key, under a capitalised spelling', () => {
    const data = reportData(html);
    expect(data.agencies.filter((a) => a === 'Sở Khoa học và Công nghệ')).toHaveLength(1);
    expect(data.agencies).toContain('Các sở, ban, ngành');
    expect(data.agencies).not.toContain('các sở, ban, ngành');
    const rows = rowsOf(data, 'responsibilities');
    expect(rows).toHaveLength(FIXTURES.reduce((n, name) => n + planRows(entryOf(name)).responsibilities.length, 0));
  });

  it('is one self-contained page: escaped title, policy by hash, data that cannot close its element', () => {
    expect(html).toContain('<title>Kho &lt;thử&gt; — kehoach</title>');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^']+&#39;; script-src &#39;sha256-[^']+&#39;/);
    expect(html.match(/<script/g)).toHaveLength(2);
    const data = html.slice(html.indexOf('id="data">'), html.indexOf('</script>'));
    expect(data).toMatch(/^id="data">[A-Za-z0-9+/=\n]+$/);
    expect(html).not.toContain('alert(1)');
    expect(html).toContain('<dt>Lỗi</dt><dd>1</dd>');
  });
});

describe('createReportWriter errors', () => {
  it('names the folder it cannot write in', () => {
    const missing = join(tmp, 'no-such-folder');
    let error: unknown;
    try {
      createReportWriter(missing);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KehoachError);
    expect((error as KehoachError).code).toBe('OUTPUT_NOT_WRITABLE');
    expect((error as KehoachError).file).toMatch(new RegExp(`^${missing}/report-plan-texts\\.\\d+\\.[0-9a-f]+\\.tmp$`));
  });

  it('removes its temporary files when aborted', async () => {
    const dir = join(tmp, 'aborted');
    mkdirSync(dir);
    const writer = createReportWriter(dir);
    writer.add(entryOf('le-hoi-du-lich'));
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    expect(readdirSync(dir).every((name) => /^report-[a-zA-Z-]+\.\d+\.[0-9a-f]+\.tmp$/.test(name))).toBe(true);
    await writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
