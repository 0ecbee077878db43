// An archive of many plans made from a few: copy `copy` of a parsed plan with its numbers varied, so that
// a 5,000-plan report is not 6 plans repeated. Years move by 0–5 (dates, deadline phrases, title, period),
// the plan's number changes, and target values move a little. With `distinct`, the words of its texts
// (title, section headings, tasks, targets, deadlines) are also swapped for others of the plan, a different
// swap for each copy: texts no copy shares, as in an archive of different plans, for measuring size.
// Used by tests/report-browser.test.ts and scripts/bench/report.mjs. No imports: it only reshapes PlanDocuments.

const shiftYear = (value, shift) => (value === null ? null : value.replace(/\b(19|20)(\d\d)\b/g, (year) => String(Number(year) + shift)));
const shiftDate = (value, shift) => (value === null ? null : `${Number(value.slice(0, 4)) + shift}${value.slice(4)}`);

const WORD = /[\p{L}\p{N}]+/gu;

/** A word-for-word swap, the same word always giving the same other word of the plan's own words. */
function wordSwap(document, copy) {
  const vocabulary = [...new Set(document.text.match(WORD) ?? [])];
  const swapped = new Map();
  return (text) =>
    text === null
      ? null
      : text.replace(WORD, (word) => {
          let other = swapped.get(word);
          if (other === undefined) {
            let hash = copy * 2654435761;
            for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619) >>> 0;
            other = vocabulary[hash % vocabulary.length];
            swapped.set(word, other);
          }
          return other;
        });
}

function swapSections(sections, swap) {
  return sections.map((s) => ({ ...s, heading: swap(s.heading), children: swapSections(s.children, swap) }));
}

/**
 * @param {import('../../src/schema/document.js').PlanDocument} document
 * @param {number} copy
 * @param {{ distinct?: boolean }} [options]
 */
export function variedPlan(document, copy, options = {}) {
  if (copy === 0) return document;
  const varied = numbersVaried(document, copy);
  if (!options.distinct) return varied;
  const swap = wordSwap(document, copy);
  return {
    ...varied,
    metadata: { ...varied.metadata, title: swap(varied.metadata.title) },
    sections: swapSections(varied.sections, swap),
    tasks: varied.tasks.map((t) => ({ ...t, text: swap(t.text) })),
    targets: varied.targets.map((t) => ({ ...t, text: swap(t.text), indicator: swap(t.indicator) })),
    deadlines: varied.deadlines.map((d) => ({ ...d, text: swap(d.text), subject: swap(d.subject) })),
  };
}

function numbersVaried(document, copy) {
  const shift = copy % 6;
  const m = document.metadata;
  const number = m.number?.replace(/^\d+/, (n) => String(Number(n) + copy * 7)) ?? null;
  return {
    ...document,
    source: { ...document.source, name: `${copy}-${document.source.name}` },
    metadata: {
      ...m,
      number,
      issuedDate: shiftDate(m.issuedDate, shift),
      title: shiftYear(m.title, shift),
      planYear: m.planYear === null ? null : m.planYear + shift,
      planPeriod: m.planPeriod === null ? null : { start: m.planPeriod.start + shift, end: m.planPeriod.end + shift },
    },
    deadlines: document.deadlines.map((d) => ({
      ...d,
      text: shiftYear(d.text, shift),
      date: shiftDate(d.date, shift),
      start: shiftDate(d.start, shift),
      end: shiftDate(d.end, shift),
    })),
    targets: document.targets.map((t) => {
      const step = copy % 7;
      const value = t.unit === '%' ? Math.max(0, Math.min(100, t.value - step)) : Math.round(t.value * (1 + step / 20) * 100) / 100;
      return { ...t, value, valueMax: t.valueMax === null ? null : Math.max(value, t.valueMax - (t.unit === '%' ? step : 0)) };
    }),
  };
}
