import type { Section } from '../schema/document.js';
import { startsWithAgency } from '../lexicon/agencies.js';
import { parseSectionMarker } from '../lexicon/markers.js';
import type { BodyParagraph, PlacedParagraph } from '../tree.js';

export type { BodyParagraph };

/**
 * What the section builder walks, in text order: paragraphs, and the rows of
 * tables. A row is given with the paragraphs of its cells and its label
 * (the STT cell), when its table has a label column.
 */
export type SectionItem =
  | { kind: 'paragraph'; paragraph: PlacedParagraph }
  | { kind: 'appendix'; paragraph: PlacedParagraph; label: string; heading: string | null }
  | { kind: 'row'; table: number; row: number; label: string | null; group: boolean; heading: string | null; paragraphs: PlacedParagraph[] };

export interface SectionTree {
  sections: Section[];
  paragraphs: BodyParagraph[];
  /** For each table, the section of each row: its own, the labelled row's above it, or the section the table stands in. */
  rowSections: Map<number, Map<number, Section | null>>;
  /** For each table, the section it stands in. */
  tableSections: Map<number, Section | null>;
}

class SectionIds {
  private readonly seen = new Map<string, number>();
  next(path: string[]): string {
    const base = `s-${path.join('.')}`;
    const count = this.seen.get(base) ?? 0;
    this.seen.set(base, count + 1);
    // A label printed twice (a plan may print "III." twice) keeps both sections, with distinct ids.
    return count === 0 ? base : `${base}~${count + 1}`;
  }
}

const SENTENCE_BREAK = /[.!?…]\s+(?=[\p{Lu}“"(])/u;

/**
 * Heading rule (gold-format): the title of a stand-alone labelled paragraph
 * with content after it, an upper-case part title, or the agency before ":"
 * in "3. Sở Y tế: Phối hợp …". A labelled paragraph that is itself the body
 * (a sentence follows, or nothing else belongs to the section) has none.
 * A paragraph set wholly in bold is a title by its typography, whatever its
 * punctuation; regular type says nothing, as plans often leave titles regular.
 */
function headingOf(content: string, hasFollowingContent: boolean, bold: boolean): string | null {
  const text = content.trim();
  if (text === '') return null;
  const hasLetters = /\p{L}/u.test(text);
  // In capitals: letters, none of them lower case (tested before anything is copied).
  if (hasLetters && text.length <= 200 && !/\p{Ll}/u.test(text)) return text.replace(/[.:]$/, '');
  const colon = text.indexOf(':');
  if (colon > 0 && colon <= 150 && startsWithAgency(text.slice(0, colon))) return text.slice(0, colon).trim();
  if (bold && hasLetters) return text.replace(/[.:]\s*$/, '');
  if (!hasFollowingContent) return null;
  const withoutEnd = text.replace(/[.:]\s*$/, '');
  if (SENTENCE_BREAK.test(withoutEnd) || /[…]|\.\.\.$/.test(text) || withoutEnd.includes(':')) return null;
  return withoutEnd;
}

interface Open {
  kind: string;
  section: Section;
}

/**
 * The structure stage's section tree: labelled paragraphs nest by marker kind
 * in the order they are met; an appendix is a top-level section holding its
 * own numbered paragraphs and the rows of its tables; a table row with a label
 * is a section ("row"), a group row (I, II, A …) holds the rows under it.
 */
export function buildSectionTree(items: SectionItem[], fullText: string): SectionTree {
  const roots: Section[] = [];
  const stack: Open[] = [];
  const ids = new SectionIds();
  const out: BodyParagraph[] = [];
  const own = new Map<Section, BodyParagraph[]>();
  const headingFixed = new Set<Section>();
  const rowSections = new Map<number, Map<number, Section | null>>();
  const tableSections = new Map<number, Section | null>();

  const open = (kind: string, label: string, marker: string, style: Section['style'], at: PlacedParagraph): Section => {
    const parent = stack.at(-1)?.section ?? null;
    const path = [...(parent?.path ?? []), label];
    const section: Section = { id: ids.next(path), path, marker, style, heading: null, text: '', span: { start: at.start, end: at.end }, page: at.page, children: [] };
    (parent ? parent.children : roots).push(section);
    stack.push({ kind, section });
    own.set(section, []);
    return section;
  };
  const place = (paragraph: PlacedParagraph, labelled: boolean, contentStart: number): void => {
    const section = stack.at(-1)?.section ?? null;
    // The top-level part that organises the text ("III. TỔ CHỨC THỰC HIỆN"), below any "Phần …" above it.
    const root = stack.find((entry) => entry.kind !== 'part')?.section ?? null;
    const ancestors = stack.map((entry) => entry.section);
    // Written out rather than spread: V8 copies a spread object field by field on a slow path, a good part of this stage.
    const { text, page, bold, start, end, pieces, part, cell } = paragraph;
    const body: BodyParagraph = { text, page, bold, start, end, pieces, part, cell, sectionPath: section?.path ?? [], section, root, ancestors, contentStart, labelled };
    if (section) own.get(section)!.push(body);
    out.push(body);
  };
  /** Closes the open section of `kind` above the base, and everything opened inside it. */
  const closeTo = (kind: string, base: number): void => {
    const existing = stack.findIndex((entry, i) => i >= base && entry.kind === kind);
    if (existing >= 0) stack.length = existing;
  };
  /** Closes the rows of the table that came before: they end with their table. */
  const closeRows = (): void => {
    while (stack.length > base && stack.at(-1)!.kind.startsWith('row')) stack.pop();
  };
  let currentTable: number | null = null;
  let seenPart = false;
  // An appendix is the base of the stack while it lasts: its parts nest under it.
  let base = 0;

  for (const item of items) {
    if (item.kind === 'appendix') {
      stack.length = 0;
      currentTable = null;
      const section = open('appendix', item.label, item.label, 'appendix', item.paragraph);
      section.heading = item.heading;
      headingFixed.add(section);
      base = 1;
      place(item.paragraph, true, item.paragraph.end);
      continue;
    }
    if (item.kind === 'row') {
      if (currentTable !== item.table) {
        closeRows();
        currentTable = item.table;
        rowSections.set(item.table, new Map());
        tableSections.set(item.table, stack.at(-1)?.section ?? null);
      }
      if (item.label !== null) {
        // A group row closes the previous group; a task row closes the previous task row.
        if (item.group) closeTo('row-group', base);
        else closeTo('row', base);
        if (item.group) {
          const below = stack.findIndex((entry, i) => i >= base && entry.kind === 'row');
          if (below >= 0) stack.length = below;
        }
        const first = item.paragraphs[0];
        if (first) {
          const section = open(item.group ? 'row-group' : 'row', item.label, item.label, 'row', first);
          section.heading = item.heading;
          headingFixed.add(section);
        }
      }
      rowSections.get(item.table)!.set(item.row, stack.at(-1)?.section ?? null);
      for (const paragraph of item.paragraphs) place(paragraph, false, paragraph.start);
      continue;
    }
    const { paragraph } = item;
    if (currentTable !== null) {
      closeRows();
      currentTable = null;
    }
    let marker = parseSectionMarker(paragraph.text);
    // "Phần I: Trắc nghiệm (7,0 điểm)" inside a section is a line of text: a part opens only at the top,
    // before the first Roman part or after an earlier "Phần".
    if (marker?.kind === 'part' && stack.length > base && !seenPart && stack.some((entry) => entry.kind === 'roman')) marker = null;
    if (marker?.kind === 'part') seenPart = true;
    if (!marker) {
      place(paragraph, false, paragraph.start);
      continue;
    }
    // A part ("Phần I") opens at the top; a Roman part opens under the part that holds it.
    if (marker.kind === 'part') stack.length = base;
    else if (marker.kind === 'roman') stack.length = Math.max(base, stack.findIndex((entry) => entry.kind === 'part') + 1);
    else closeTo(marker.kind, base);
    open(marker.kind, marker.label, marker.marker, marker.style, paragraph);
    const leading = paragraph.text.length - paragraph.text.trimStart().length;
    place(paragraph, true, paragraph.start + leading + marker.length);
  }

  for (const [section, paragraphs] of own) {
    const first = paragraphs[0];
    if (!first) continue;
    const last = paragraphs.at(-1)!;
    section.span = { start: first.start, end: last.end };
    section.text = fullText.slice(first.start, last.end);
    if (headingFixed.has(section)) continue;
    const content = fullText.slice(first.contentStart, first.end);
    section.heading = headingOf(content, paragraphs.length > 1 || section.children.length > 0, first.bold);
  }
  return { sections: roots, paragraphs: out, rowSections, tableSections };
}

export function flattenSections(sections: Section[]): Section[] {
  const out: Section[] = [];
  const walk = (list: Section[]): void => {
    for (const s of list) {
      out.push(s);
      walk(s.children);
    }
  };
  walk(sections);
  return out;
}
