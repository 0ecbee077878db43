// An archive of many plans made from a few: copy `copy` of a parsed plan with its numbers varied, so that
// a 5,000-plan report is not 6 plans repeated. Years move by 0–5 (dates, deadline phrases, title, period),
// the plan's number changes, and target values move a little. Used by tests/report-browser.test.ts and
// scripts/bench/report.mjs. No imports: it only reshapes PlanDocument objects.

const shiftYear = (value, shift) => (value === null ? null : value.replace(/\b(19|20)(\d\d)\b/g, (year) => String(Number(year) + shift)));
const shiftDate = (value, shift) => (value === null ? null : `${Number(value.slice(0, 4)) + shift}${value.slice(4)}`);

/** @param {import('../../src/schema/document.js').PlanDocument} document @param {number} copy */
export function variedPlan(document, copy) {
  if (copy === 0) return document;
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
