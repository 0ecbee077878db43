import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES, scoreDocument, type GoldDocument } from '../src/eval/score.js';
import { parse, parseText } from '../src/index.js';
import { buildPdf, type PdfText } from './helpers/build-pdf.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

/**
 * A PDF made by printing a plan's extracted text line by line: one font and
 * size, every line at the margin, uniform spacing, no first-line indents. Its
 * geometry says nothing about paragraphs, so layout must read the same
 * textual cues it reads in the text input.
 */
function printed(text: string): Uint8Array {
  const pages: PdfText[][] = [[]];
  let row = 0;
  const print = (line: string): void => {
    if (row === 52) [row] = [0, pages.push([])];
    if (line !== '') pages.at(-1)!.push({ text: line, x: 40, y: 800 - row * 15, size: 8 });
    row++;
  };
  for (const line of text.split(/\r?\n/)) {
    // A line longer than the page is wide wraps at a space, as a printer would.
    let rest = line.trim();
    while (rest.length > 120) {
      const cut = rest.lastIndexOf(' ', 120);
      print(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
    print(rest);
    // The text's own page breaks: a new page after its page number.
    if (/^\s*\d{1,3}\s*$/.test(line)) [row] = [0, pages.push([])];
  }
  return buildPdf(pages.filter((page) => page.length > 0));
}

// chuyen-doi-so-2025 is left out: its appendix table, printed cell per line without the blank lines
// that cut the text form's cells, reads as one table whose rows run together (see the closing notes).
describe.each(['hcmc-2026', 'hue-2026', 'tan-binh-2025', 'le-hoi-du-lich'])('%s printed from its text lines', (name) => {
  it('scores within 0.05 F1 of the text input for every entity type', async () => {
    const gold = JSON.parse(readFileSync(join(fixtures, 'gold', `${name}.gold.json`), 'utf8')) as GoldDocument;
    const text = readFileSync(join(fixtures, `${name}.txt`), 'utf8');
    const fromText = scoreDocument(parseText(text), gold);
    const fromPdf = scoreDocument(await parse(printed(text), { name: `${name}.pdf` }), gold);
    for (const type of ENTITY_TYPES) {
      expect(fromPdf.types[type].f1).toBeGreaterThanOrEqual(fromText.types[type].f1 - 0.05);
    }
  });
});
