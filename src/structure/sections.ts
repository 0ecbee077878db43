import type { Section } from '../schema/document.js';
import { startsWithAgency } from '../lexicon/agencies.js';
import { parseSectionMarker } from '../lexicon/markers.js';

/** A paragraph placed in the output text. */
export interface PositionedParagraph {
  text: string;
  page: number | null;
  /** Wholly bold, where the format tells (heading evidence). */
  bold: boolean;
  start: number;
  end: number;
}

/** A body paragraph with the section that holds it. */
export interface BodyParagraph extends PositionedParagraph {
  sectionPath: string[];
  /** The section the paragraph belongs to (null in the preamble). */
  section: Section | null;
  /** Where the paragraph's own text starts, after its section marker. */
  contentStart: number;
  /** true for the paragraph that carries the section marker. */
  labelled: boolean;
}

export interface SectionTree {
  sections: Section[];
  paragraphs: BodyParagraph[];
}

function sectionId(path: string[], seen: Map<string, number>): string {
  const base = `s-${path.join('.')}`;
  const count = seen.get(base) ?? 0;
  seen.set(base, count + 1);
  // A label printed twice (a plan may print "III." twice) keeps both sections, with distinct ids.
  return count === 0 ? base : `${base}~${count + 1}`;
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
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length > 0 && letters === letters.toUpperCase() && text.length <= 200) return text.replace(/[.:]$/, '');
  const colon = text.indexOf(':');
  if (colon > 0 && colon <= 150 && startsWithAgency(text.slice(0, colon))) return text.slice(0, colon).trim();
  if (bold && letters.length > 0) return text.replace(/[.:]\s*$/, '');
  if (!hasFollowingContent) return null;
  const withoutEnd = text.replace(/[.:]\s*$/, '');
  if (SENTENCE_BREAK.test(withoutEnd) || /[…]|\.\.\.$/.test(text) || withoutEnd.includes(':')) return null;
  return withoutEnd;
}

/** The structure stage: nests labelled paragraphs by marker kind, in the order they are met. */
export function buildSectionTree(paragraphs: PositionedParagraph[], fullText: string): SectionTree {
  const roots: Section[] = [];
  const stack: Array<{ kind: string; section: Section }> = [];
  const seenIds = new Map<string, number>();
  const out: BodyParagraph[] = [];
  const ownParagraphs = new Map<Section, BodyParagraph[]>();

  for (const paragraph of paragraphs) {
    const marker = parseSectionMarker(paragraph.text);
    if (marker) {
      const existing = stack.findIndex((entry) => entry.kind === marker.kind);
      if (marker.kind === 'roman') stack.length = 0;
      else if (existing >= 0) stack.length = existing;
      const parent = stack.at(-1)?.section ?? null;
      const path = [...(parent?.path ?? []), marker.label];
      const section: Section = {
        id: sectionId(path, seenIds),
        path,
        marker: marker.marker,
        style: marker.style,
        heading: null,
        text: '',
        span: { start: paragraph.start, end: paragraph.end },
        page: paragraph.page,
        children: [],
      };
      (parent ? parent.children : roots).push(section);
      stack.push({ kind: marker.kind, section });
      const leading = paragraph.text.length - paragraph.text.trimStart().length;
      const body: BodyParagraph = { ...paragraph, sectionPath: path, section, contentStart: paragraph.start + leading + marker.length, labelled: true };
      ownParagraphs.set(section, [body]);
      out.push(body);
      continue;
    }
    const section = stack.at(-1)?.section ?? null;
    const body: BodyParagraph = { ...paragraph, sectionPath: section?.path ?? [], section, contentStart: paragraph.start, labelled: false };
    if (section) ownParagraphs.get(section)!.push(body);
    out.push(body);
  }

  for (const [section, own] of ownParagraphs) {
    const first = own[0]!;
    const last = own.at(-1)!;
    section.span = { start: first.start, end: last.end };
    section.text = fullText.slice(first.start, last.end);
    const content = fullText.slice(first.contentStart, first.end);
    section.heading = headingOf(content, own.length > 1 || section.children.length > 0, first.bold);
  }
  return { sections: roots, paragraphs: out };
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
