import { attributeOf, childrenOf, findChild, tagOf, valOf, type OrderedNode } from './xml.js';

/**
 * Automatic numbering (numbering.xml). mammoth reports only that a paragraph
 * is in a list and at which level; the printed label ("1.", "a)", "-", "II.")
 * is what the structure stage reads, so it is rebuilt here from each level's
 * format, label template and start value, counting as Word does.
 */

interface Level {
  format: string;
  template: string;
  start: number;
}

interface NumberingInstance {
  abstractId: string;
  levels: Map<number, Level>;
  startOverrides: Map<number, number>;
}

export interface ParagraphNumbering {
  numId: string;
  level: number;
}

const ROMAN: Array<[number, string]> = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

function roman(value: number): string {
  let rest = value;
  let out = '';
  for (const [n, symbol] of ROMAN) {
    while (rest >= n) {
      out += symbol;
      rest -= n;
    }
  }
  return out;
}

function letters(value: number): string {
  // Word repeats the letter past z: aa, bb …
  const letter = String.fromCharCode(97 + ((value - 1) % 26));
  return letter.repeat(Math.floor((value - 1) / 26) + 1);
}

function formatCounter(value: number, format: string): string {
  switch (format) {
    case 'decimalZero':
      return String(value).padStart(2, '0');
    case 'lowerLetter':
      return letters(value);
    case 'upperLetter':
      return letters(value).toUpperCase();
    case 'lowerRoman':
      return roman(value).toLowerCase();
    case 'upperRoman':
      return roman(value);
    case 'none':
      return '';
    default:
      return String(value);
  }
}

/** Symbol-font bullets sit in the private use area; show them as the characters they print. */
function bulletText(template: string): string {
  if (template === '\uF02D' || template === '-' || template === '–') return '-';
  if (template === '+' || template === '\uF02B') return '+';
  if (template.trim() === '' || /[\uE000-\uF8FF]/u.test(template)) return '•';
  return template;
}

function levelsOf(node: OrderedNode): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const lvl of childrenOf(node).filter((c) => tagOf(c) === 'w:lvl')) {
    const index = Number(attributeOf(lvl, 'w:ilvl') ?? '0');
    const value = (tag: string): string | undefined => valOf(findChild(lvl, tag));
    levels.set(index, { format: value('w:numFmt') ?? 'decimal', template: value('w:lvlText') ?? '', start: Number(value('w:start') ?? '1') });
  }
  return levels;
}

export class NumberingLabels {
  private readonly instances = new Map<string, NumberingInstance>();
  private readonly counters = new Map<string, number[]>();

  constructor(numberingRoot: OrderedNode[] | null) {
    const root = numberingRoot?.find((n) => tagOf(n) === 'w:numbering');
    if (!root) return;
    const abstracts = new Map<string, Map<number, Level>>();
    for (const child of childrenOf(root)) {
      if (tagOf(child) === 'w:abstractNum') abstracts.set(attributeOf(child, 'w:abstractNumId') ?? '', levelsOf(child));
    }
    for (const child of childrenOf(root)) {
      if (tagOf(child) !== 'w:num') continue;
      const abstractId = valOf(findChild(child, 'w:abstractNumId')) ?? '';
      const startOverrides = new Map<number, number>();
      const levels = new Map(abstracts.get(abstractId) ?? []);
      for (const override of childrenOf(child).filter((c) => tagOf(c) === 'w:lvlOverride')) {
        const index = Number(attributeOf(override, 'w:ilvl') ?? '0');
        const start = findChild(override, 'w:startOverride');
        if (start) startOverrides.set(index, Number(valOf(start) ?? '1'));
        const level = findChild(override, 'w:lvl');
        if (level) for (const [i, l] of levelsOf({ 'w:x': [level] } as OrderedNode)) levels.set(i, l);
      }
      this.instances.set(attributeOf(child, 'w:numId') ?? '', { abstractId, levels, startOverrides });
    }
  }

  /** Does this reference name a real list level (as mammoth decides whether a paragraph is numbered)? */
  has(numbering: ParagraphNumbering): boolean {
    return this.instances.get(numbering.numId)?.levels.has(numbering.level) ?? false;
  }

  /** The label Word prints for the next paragraph of this list at this level. */
  next(numbering: ParagraphNumbering): string {
    const instance = this.instances.get(numbering.numId);
    const level = instance?.levels.get(numbering.level);
    if (!instance || !level) return '';
    if (level.format === 'bullet') return bulletText(level.template);
    // Lists that share an abstract definition continue one count, unless an instance restarts it.
    const key = instance.startOverrides.size > 0 ? `num:${numbering.numId}` : `abstract:${instance.abstractId}`;
    const counters = this.counters.get(key) ?? [];
    const startOf = (index: number): number => instance.startOverrides.get(index) ?? instance.levels.get(index)?.start ?? 1;
    counters[numbering.level] = counters[numbering.level] === undefined ? startOf(numbering.level) : counters[numbering.level]! + 1;
    counters.length = numbering.level + 1; // deeper levels restart
    this.counters.set(key, counters);
    return level.template.replace(/%(\d)/g, (_, n: string) => {
      const index = Number(n) - 1;
      const value = counters[index] ?? startOf(index);
      return formatCounter(value, instance.levels.get(index)?.format ?? 'decimal');
    });
  }
}

/** Each paragraph's numbering reference in document order: its own w:numPr, else its style's. */
export function paragraphNumberings(documentRoot: OrderedNode[], styleNumbering: Map<string, ParagraphNumbering>): Array<ParagraphNumbering | null> {
  const out: Array<ParagraphNumbering | null> = [];
  const visit = (nodes: OrderedNode[]): void => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === 'w:p') {
        const properties = findChild(node, 'w:pPr');
        const numPr = properties && findChild(properties, 'w:numPr');
        const style = properties && findChild(properties, 'w:pStyle');
        const styleRef = style ? styleNumbering.get(valOf(style) ?? '') : undefined;
        let reference: ParagraphNumbering | null = styleRef ?? null;
        if (numPr) {
          const numId = findChild(numPr, 'w:numId');
          const ilvl = findChild(numPr, 'w:ilvl');
          const id = valOf(numId);
          if (id !== undefined) reference = id === '0' ? null : { numId: id, level: Number(valOf(ilvl) ?? styleRef?.level ?? 0) };
        }
        out.push(reference);
      }
      if (tag !== '#text') visit(childrenOf(node));
    }
  };
  visit(documentRoot);
  return out;
}

/** Numbering a paragraph style carries (styles.xml: w:style/w:pPr/w:numPr). */
export function styleNumberings(stylesRoot: OrderedNode[] | null): Map<string, ParagraphNumbering> {
  const map = new Map<string, ParagraphNumbering>();
  const root = stylesRoot?.find((n) => tagOf(n) === 'w:styles');
  if (!root) return map;
  for (const style of childrenOf(root).filter((c) => tagOf(c) === 'w:style')) {
    const properties = findChild(style, 'w:pPr');
    const numPr = properties && findChild(properties, 'w:numPr');
    const numId = numPr && findChild(numPr, 'w:numId');
    if (!numId) continue;
    const ilvl = findChild(numPr!, 'w:ilvl');
    map.set(attributeOf(style, 'w:styleId') ?? '', { numId: valOf(numId) ?? '', level: Number(valOf(ilvl) ?? 0) });
  }
  return map;
}
