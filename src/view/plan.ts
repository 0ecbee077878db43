import type { Footnote, PlanDocument, Section, Table } from '../schema/document.js';
import { BASE_CSS } from './assets/base-css.js';
import { PLAN_CSS } from './assets/plan-css.js';
import { PLAN_SCRIPT } from './assets/plan-script.js';
import { ENTITY_TYPES, entityRecords, placeEntities, ROLE_LABELS, shorten, type PlacedEntity } from './entities.js';
import { Highlighter } from './highlight.js';
import { escapeHtml, htmlPage } from './html.js';
import { buildMatrix } from './matrix.js';
import { layoutTable } from './tables.js';

/**
 * The plan view: one self-contained HTML page showing a PlanDocument's text
 * laid out as in the plan (header, sections with their headings, tables as
 * tables, footnotes), every entity highlighted, a side panel with the section
 * tree and the entity lists, the responsibility matrix and the warnings.
 *
 * The text with its marks is written here, in one pass over the text; the
 * lists, tooltips and matrix are drawn by the page's script from the embedded
 * data, on demand, so a long plan costs little more than its text.
 */

interface FlatSection {
  section: Section;
  index: number;
  depth: number;
  start: number;
  end: number;
}

function flattenSections(sections: Section[], length: number): FlatSection[] {
  const flat: FlatSection[] = [];
  const walk = (list: Section[], depth: number): void => {
    for (const section of list) {
      const start = Math.min(Math.max(0, section.span.start), length);
      flat.push({ section, index: flat.length, depth, start, end: Math.min(Math.max(start, section.span.end), length) });
      walk(section.children, depth + 1);
    }
  };
  walk(sections, 0);
  return flat;
}

/** Where a heading, row or table was written: element ids by section index. */
type Anchors = Map<number, string>;

interface Region {
  start: number;
  end: number;
}

const PAGE_LABEL = (page: number): string => `<span class="pg" title="trang ${page}">tr. ${page}</span>`;

class DocumentWriter {
  private readonly html: string[] = [];
  readonly anchors: Anchors = new Map();
  private lastPage: number | null = null;
  private readonly byStart: FlatSection[];
  private readonly sectionById = new Map<string, FlatSection>();
  private sectionCursor = 0;
  private readonly titleLines: Set<string>;

  constructor(
    private readonly document: PlanDocument,
    private readonly highlighter: Highlighter,
    private readonly sections: FlatSection[],
    private readonly footnotes: (Footnote & Region)[],
  ) {
    this.byStart = [...sections].sort((a, b) => a.start - b.start || a.depth - b.depth);
    for (const s of sections) if (!this.sectionById.has(s.section.id)) this.sectionById.set(s.section.id, s);
    this.titleLines = new Set(['KẾ HOẠCH', document.metadata.title ?? ''].filter(Boolean));
  }

  private pageMark(page: number | null): string {
    if (page === null || page === this.lastPage) return '';
    this.lastPage = page;
    return PAGE_LABEL(page);
  }

  /** Non-blank lines of [from, to) as [start, end) ranges. */
  private lines(from: number, to: number): [number, number][] {
    const text = this.document.text;
    const out: [number, number][] = [];
    let at = from;
    while (at < to) {
      const newline = text.indexOf('\n', at);
      const end = newline < 0 || newline > to ? to : newline;
      if (/\S/.test(text.slice(at, end))) out.push([at, end]);
      at = end + 1;
    }
    return out;
  }

  /** The section whose text holds `offset` (the latest one starting at or before it), if any. Offsets arrive in order. */
  private sectionAt(offset: number): FlatSection | null {
    while (this.sectionCursor + 1 < this.byStart.length && this.byStart[this.sectionCursor + 1]!.start <= offset) this.sectionCursor++;
    const s = this.byStart[this.sectionCursor];
    return s && s.start <= offset && s.end > offset ? s : null;
  }

  /** Text outside tables: cut where a section or footnote starts or ends; each piece is one block. */
  writeFlow(from: number, to: number, cuts: number[], firstCut: number): number {
    let c = firstCut;
    let at = from;
    while (at < to) {
      while (c < cuts.length && cuts[c]! <= at) c++;
      const end = Math.min(to, cuts[c] ?? to);
      this.writeBlock(at, end);
      at = end;
    }
    return c;
  }

  private writeBlock(from: number, to: number): void {
    const lines = this.lines(from, to);
    if (!lines.length) return;
    const footnote = this.footnotes.find((f) => f.start <= from && f.end > from);
    const section = footnote ? null : this.sectionAt(from);
    const rendered = (range: [number, number]): string => this.highlighter.render(range[0], range[1]);
    if (footnote) {
      this.html.push(`<div class="blk fn">${this.pageMark(footnote.page)}${lines.map((l) => `<p>${rendered(l)}</p>`).join('')}</div>`);
      return;
    }
    if (!section) {
      const paragraphs = lines.map((l) => {
        const title = this.titleLines.has(this.document.text.slice(l[0], l[1]).trim());
        return `<p${title ? ' class="title"' : ''}>${rendered(l)}</p>`;
      });
      this.html.push(`<div class="blk zone">${paragraphs.join('')}</div>`);
      return;
    }
    const { depth, index } = section;
    const style = section.section.style;
    let body = lines;
    let heading = '';
    if (from === section.start && !this.anchors.has(index)) {
      const level = Math.min(6, depth + 2);
      const id = `x-s${index}`;
      this.anchors.set(index, id);
      const count = this.headingLines(section.section, lines);
      heading = `<h${level} class="h" id="${id}" tabindex="-1">${this.pageMark(section.section.page)}${lines.slice(0, count).map(rendered).join('<br>')}</h${level}>`;
      body = lines.slice(count);
    }
    this.html.push(`<div class="blk d${Math.min(depth, 4)} st-${style}">${heading}${body.map((l) => `<p>${rendered(l)}</p>`).join('')}</div>`);
  }

  /** How many of a section's first lines its heading takes: one, or more where the heading runs on ("PHỤ LỤC I" / its title). */
  private headingLines(section: Section, lines: [number, number][]): number {
    const heading = (section.heading ?? '').replace(/\s+/g, '');
    const text = this.document.text;
    let seen = '';
    for (let i = 0; i < Math.min(lines.length, 4); i++) {
      seen += text.slice(lines[i]![0], lines[i]![1]).replace(/\s+/g, '');
      if (!heading || seen.endsWith(heading)) return i + 1;
      if (seen.length > heading.length + section.marker.length + 12) break;
    }
    return 1;
  }

  /** Lines of a range joined by `<br>`: a table cell. */
  private cell(from: number, to: number): string {
    return this.lines(from, to)
      .map((l) => this.highlighter.render(l[0], l[1]))
      .join('<br>');
  }

  writeTable(table: Table, tableIndex: number, region: Region): void {
    const layout = layoutTable(this.document.text, table, region.start, region.end);
    const columns = Math.max(table.columns.length, ...table.rows.map((r) => r.cells.length), 1);
    const gapRow = (row: number): string =>
      (layout.gaps.get(row) ?? [])
        .map(([a, b]) => `<tr class="gap"><td colspan="${columns}"><span class="gap-label" title="chữ đọc được trong bảng mà không khớp ô nào">ngoài ô</span> ${this.cell(a, b)}</td></tr>`)
        .join('');
    const head: string[] = [];
    const body: string[] = [];
    let leading = true;
    table.rows.forEach((row, r) => {
      leading &&= row.header;
      const tag = row.header ? 'th' : 'td';
      const cells = row.cells.map((text, c) => {
        const place = layout.cells[r]?.[c];
        if (place) return `<${tag}>${this.cell(place[0], place[1])}</${tag}>`;
        return `<${tag}${text ? ' class="unplaced" title="ô không tìm thấy trong văn bản: không tô màu"' : ''}>${escapeHtml(text)}</${tag}>`;
      });
      const section = row.sectionId ? this.sectionById.get(row.sectionId) : undefined;
      let id = '';
      if (section && !this.anchors.has(section.index) && section.section.style === 'row') {
        id = ` id="x-s${section.index}" tabindex="-1"`;
        this.anchors.set(section.index, `x-s${section.index}`);
      }
      const tr = `<tr${id}${row.header && !leading ? ' class="hdr"' : ''}>${cells.join('')}</tr>${gapRow(r)}`;
      (leading ? head : body).push(tr);
    });
    const before = gapRow(-1);
    this.html.push(
      `<div class="blk tbl" id="x-tb${tableIndex}">${this.pageMark(table.page)}<div class="scroll"><table class="plan-table">` +
        `${head.length ? `<thead>${head.join('')}</thead>` : ''}<tbody>${before}${body.join('')}</tbody></table></div></div>`,
    );
    // Sections whose row was not written (or that start inside the table) link to the table.
    for (const s of this.sections) if (!this.anchors.has(s.index) && s.start >= region.start && s.start < region.end) this.anchors.set(s.index, `x-tb${tableIndex}`);
  }

  push(html: string): void {
    this.html.push(html);
  }

  toString(): string {
    return this.html.join('\n');
  }
}

function renderBody(document: PlanDocument, highlighter: Highlighter, sections: FlatSection[]): { html: string; anchors: Anchors } {
  const length = document.text.length;
  const clamp = (span: { start: number; end: number }): Region => {
    const start = Math.min(Math.max(0, span.start), length);
    return { start, end: Math.min(Math.max(start, span.end), length) };
  };
  // Tables in text order, a table overlapping the one before shown as text.
  const tables: { table: Table; index: number; region: Region }[] = [];
  document.tables
    .map((table, index) => ({ table, index, region: clamp(table.span) }))
    .sort((a, b) => a.region.start - b.region.start)
    .forEach((t) => {
      const last = tables[tables.length - 1];
      if (t.region.end > t.region.start && (!last || t.region.start >= last.region.end)) tables.push(t);
    });
  const footnotes = document.footnotes.map((f) => ({ ...f, ...clamp(f.span) }));
  const cuts = [...new Set([...sections.flatMap((s) => [s.start, s.end]), ...footnotes.flatMap((f) => [f.start, f.end])])].sort((a, b) => a - b);

  const writer = new DocumentWriter(document, highlighter, sections, footnotes);
  let at = 0;
  let cut = 0;
  for (const { table, index, region } of tables) {
    cut = writer.writeFlow(at, region.start, cuts, cut);
    writer.writeTable(table, index, region);
    at = region.end;
  }
  writer.writeFlow(at, length, cuts, cut);

  // Entities whose span lies only where the page shows no text of its own (blank gaps): listed from their own text.
  const unplaced = highlighter.unplaced();
  if (unplaced.length) {
    const items = unplaced.map((e: PlacedEntity) => `<li>${highlighter.renderDetached(e, entityText(document, e) || '∅')}</li>`);
    writer.push(`<div class="blk unplaced"><h2 class="h">Không đặt được vào văn bản</h2><p>Các mục có vị trí không hiện ra trong văn bản ở trên.</p><ul>${items.join('')}</ul></div>`);
  }
  return { html: writer.toString(), anchors: writer.anchors };
}

function entityText(document: PlanDocument, e: PlacedEntity): string {
  const text = document.text.slice(e.start, e.end).trim();
  if (text) return text;
  const entity = document[e.type.field][e.index];
  return entity && 'text' in entity ? entity.text : entity && 'agency' in entity ? entity.agency : '';
}

export function sectionLabel(s: Section): string {
  return shorten(s.heading === null ? (s.text.split('\n')[0] ?? s.marker) : `${s.marker} ${s.heading}`, 90);
}

function renderTree(sections: Section[], flat: FlatSection[], anchors: Anchors): string {
  const indexOf = new Map(flat.map((f) => [f.section, f.index] as const));
  const node = (s: Section, depth: number): string => {
    const index = indexOf.get(s)!;
    const anchor = anchors.get(index);
    const label = escapeHtml(sectionLabel(s));
    const link = anchor ? `<a href="#${anchor}" data-go="${anchor}" title="${label}">${label}</a>` : `<span class="nolink" title="${label}">${label}</span>`;
    if (!s.children.length) return `<li>${link}</li>`;
    const open = depth === 0 || s.children.length <= 30 ? ' open' : '';
    return `<li><details${open}><summary>${link}</summary><ul>${s.children.map((c) => node(c, depth + 1)).join('')}</ul></details></li>`;
  };
  return sections.length ? `<ul class="tree">${sections.map((s) => node(s, 0)).join('')}</ul>` : '<p class="empty">Không có mục nào.</p>';
}

function renderHeader(document: PlanDocument): string {
  const m = document.metadata;
  const facts: [string, string | null][] = [
    ['Số', m.number],
    ['Cơ quan ban hành', m.issuer],
    ['Ngày ban hành', [m.place, m.issuedDate].filter(Boolean).join(', ') || null],
    ['Người ký', [m.signer.authority, m.signer.position, m.signer.name].filter(Boolean).join(' ') || null],
    ['Tệp', `${document.source.name} (${document.source.format}${document.source.pageCount ? `, ${document.source.pageCount} trang` : ''})`],
  ];
  const legend = ENTITY_TYPES.map(
    (t) =>
      `<label class="key k-${t.type}"><input type="checkbox" checked data-hide="${t.type}"><mark class="sw k-${t.type}">${escapeHtml(t.label)}</mark> <b>${document[t.field].length}</b></label>`,
  ).join('');
  const warnings = document.warnings.length
    ? `<details class="warnings"><summary>Cảnh báo (${document.warnings.length})</summary><ul>${document.warnings.map((w) => `<li><code>${escapeHtml(w.code)}</code> ${escapeHtml(w.message)}</li>`).join('')}</ul></details>`
    : '<p class="warnings none">Không có cảnh báo.</p>';
  return (
    `<header class="meta"><h1>${escapeHtml(m.title ?? document.source.name)}</h1>` +
    `<dl>${facts.filter(([, v]) => v).map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v!)}</dd></div>`).join('')}</dl>` +
    `<div class="legend" role="group" aria-label="Tô màu">${legend}<a class="to-matrix" href="#matrix" data-go="matrix">Ma trận trách nhiệm ↓</a></div>${warnings}</header>`
  );
}

function renderSide(document: PlanDocument, tree: string): string {
  const tabs = [
    `<button type="button" role="tab" id="tab-toc" aria-controls="p-toc" aria-selected="true">Mục lục</button>`,
    ...ENTITY_TYPES.map(
      (t) => `<button type="button" role="tab" id="tab-${t.type}" aria-controls="p-${t.type}" aria-selected="false" class="k-${t.type}">${escapeHtml(t.label)} <b>${document[t.field].length}</b></button>`,
    ),
  ];
  const panels = [
    `<div class="panel" role="tabpanel" id="p-toc" aria-labelledby="tab-toc"><nav aria-label="Mục lục">${tree}</nav></div>`,
    ...ENTITY_TYPES.map(
      (t) =>
        `<div class="panel" role="tabpanel" id="p-${t.type}" aria-labelledby="tab-${t.type}" hidden><input type="search" class="filter" placeholder="Lọc…" aria-label="Lọc ${escapeHtml(t.label)}"><ol class="list" data-type="${t.type}"></ol></div>`,
    ),
  ];
  return `<aside id="side"><div class="tabs" role="tablist" aria-label="Bảng bên">${tabs.join('')}</div>${panels.join('')}</aside>`;
}

/** The plan view of `document` as one HTML page. Pure: same document, same page. */
export function renderPlanView(document: PlanDocument): string {
  const entities = placeEntities(document);
  const highlighter = new Highlighter(document.text, entities);
  const flat = flattenSections(document.sections, document.text.length);
  const { html: body, anchors } = renderBody(document, highlighter, flat);
  const byId = new Map<string, FlatSection>();
  for (const f of flat) if (!byId.has(f.section.id)) byId.set(f.section.id, f);
  const matrix = buildMatrix(document, (id) => {
    const f = byId.get(id);
    return f ? { anchor: anchors.get(f.index) ?? null, label: sectionLabel(f.section) } : null;
  });
  const records = entityRecords(document);
  const data = {
    types: ENTITY_TYPES.map((t) => ({ type: t.type, letter: t.letter, label: t.label, records: records[t.type] })),
    matrix,
  };
  const page =
    `<div id="app">${renderSide(document, renderTree(document.sections, flat, anchors))}` +
    `<main id="main">${renderHeader(document)}<article id="doc" lang="vi">${body}</article>` +
    `<section id="matrix" tabindex="-1" aria-labelledby="matrix-h"><h2 id="matrix-h">Ma trận trách nhiệm</h2>` +
    `<p class="hint">Hàng: nhiệm vụ, rồi các mục có phân công ngoài nhiệm vụ. Cột: cơ quan. ${matrix.roles.map((r) => `<b class="r${r.code}">${r.code}</b> ${ROLE_LABELS[r.role]}`).join(' · ')}</p>` +
    `<div class="scroll"><table class="matrix"><thead></thead><tbody></tbody></table></div></section></main></div>` +
    '<div id="tip" role="tooltip" hidden></div>';
  return htmlPage({ title: `${document.metadata.title ?? document.source.name} — kehoach`, css: BASE_CSS + PLAN_CSS, script: PLAN_SCRIPT, body: page, data });
}
