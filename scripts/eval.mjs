#!/usr/bin/env node
// Scores the parser against the gold files in fixtures/gold and fixtures/domains/gold, for every format of every plan found beside them.
// Usage: npm run eval [-- --format txt,pdf,docx,doc] [--details] [--dir <folder with plans and gold/>]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../dist/index.js';
import { ENTITY_TYPES, ratios, scoreDocument } from '../dist/eval/score.js';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const formatArg = args.includes('--format') ? args[args.indexOf('--format') + 1] : 'txt,pdf,docx,doc';
const formats = formatArg.split(',');
const details = args.includes('--details');
// Another set of plans (a folder holding <name>.<format> files and gold/<name>.gold.json) is scored the same way.
const planDirs = args.includes('--dir') ? [args[args.indexOf('--dir') + 1]] : [join(root, 'fixtures'), join(root, 'fixtures', 'domains')];

const pct = (x) => (x * 100).toFixed(1).padStart(5);
const totals = Object.fromEntries(formats.map((f) => [f, Object.fromEntries(ENTITY_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]))]));
const metadataTotals = Object.fromEntries(formats.map((f) => [f, { correct: 0, total: 0 }]));
const failures = Object.fromEntries(formats.map((f) => [f, 0]));

console.log(`${'document'.padEnd(22)} ${'fmt'.padEnd(4)} ${ENTITY_TYPES.map((t) => t.slice(0, 12).padStart(17)).join(' ')}  metadata`);
console.log(`${''.padEnd(27)} ${ENTITY_TYPES.map(() => '    P     R    F1').join(' ')}`);
const plans = planDirs.flatMap((planDir) =>
  readdirSync(join(planDir, 'gold'))
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((goldFile) => ({ planDir, goldFile })),
);
for (const { planDir, goldFile } of plans) {
  const name = goldFile.replace(/\.gold\.json$/, '');
  const gold = JSON.parse(readFileSync(join(planDir, 'gold', goldFile), 'utf8'));
  for (const format of formats) {
    const file = join(planDir, `${name}.${format}`);
    if (!existsSync(file)) continue;
    let document;
    try {
      document = await parse(file);
    } catch (error) {
      console.log(`${name.padEnd(22)} ${format.padEnd(4)} ERROR ${error.code ?? ''} ${error.message}`);
      failures[format]++;
      continue;
    }
    const score = scoreDocument(document, gold);
    const cells = ENTITY_TYPES.map((t) => {
      const s = score.types[t];
      for (const k of ['tp', 'fp', 'fn']) totals[format][t][k] += s[k];
      return `${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`;
    });
    metadataTotals[format].correct += score.metadata.correct;
    metadataTotals[format].total += score.metadata.total;
    console.log(`${name.padEnd(22)} ${format.padEnd(4)} ${cells.join(' ')}  ${score.metadata.correct}/${score.metadata.total}`);
    if (details) {
      for (const t of ENTITY_TYPES) {
        const s = score.types[t];
        for (const k of s.falsePositives) console.log(`    ${t} FP ${k}`);
        for (const k of s.misses) console.log(`    ${t} MISS ${k}`);
      }
      for (const w of score.metadata.wrong) console.log(`    metadata ${w.field}: expected ${JSON.stringify(w.expected)} got ${JSON.stringify(w.actual)}`);
    }
  }
}
console.log('');
for (const format of formats) {
  // A format whose documents all failed has nothing to average: say so rather than print empty-set ratios.
  if (metadataTotals[format].total === 0) {
    console.log(`${'OVERALL'.padEnd(22)} ${format.padEnd(4)} n/a: no document parsed (${failures[format]} failed)`);
    continue;
  }
  const failed = failures[format] > 0 ? `  (${failures[format]} document(s) failed, not counted)` : '';
  const cells = ENTITY_TYPES.map((t) => {
    const r = ratios(totals[format][t]);
    return `${pct(r.precision)} ${pct(r.recall)} ${pct(r.f1)}`;
  });
  const m = metadataTotals[format];
  console.log(`${'OVERALL'.padEnd(22)} ${format.padEnd(4)} ${cells.join(' ')}  ${m.correct}/${m.total}${failed}`);
}
