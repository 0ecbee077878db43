// Text pipeline: throughput on one thread, and time per MB as a plan grows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseText } from '../../dist/index.js';
import { fixtures, names, timed } from './common.mjs';

export async function measureText() {
  const texts = names.map((n) => readFileSync(join(fixtures, `${n}.txt`), 'utf8'));
  const textBytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  const text = await timed(() => texts.forEach((t, i) => parseText(t, { name: `${names[i]}.txt` })));
  const textMbPerSecond = (textBytes * text.runs) / text.elapsed / 1e6;
  const textDocsPerSecond = (texts.length * text.runs) / text.elapsed;

  // Linear text cost: one plan repeated 1×, 4×, 16× and 64×, time per MB at each size. Every size parses the
  // same 64 copies' worth of text (the 1× plan 64 times, the 64× one once), so that each figure is timed over the
  // same volume, not a 1× figure from one 15 ms parse against a 64× one from one second; median of three runs.
  const scalingBase = texts[names.indexOf('hcmc-2026')] ?? texts[0];
  const LARGEST = 64;
  const scaling = [1, 4, 16, LARGEST].map((copies) => {
    const big = scalingBase.repeat(copies);
    const runs = [0, 1, 2].map(() => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < LARGEST / copies; i++) parseText(big, { name: 'scaled.txt' });
      return Number(process.hrtime.bigint() - started) / 1e6 / (LARGEST / copies);
    });
    const ms = runs.sort((a, b) => a - b)[1];
    return { copies, mb: Buffer.byteLength(big) / 1e6, msPerMb: ms / (Buffer.byteLength(big) / 1e6) };
  });
  return {
    rows: [
      ['Text pipeline (1 thread)', `${textMbPerSecond.toFixed(2)} MB/s, ${textDocsPerSecond.toFixed(1)} docs/s`, 'aim ≥ 5 MB/s per core'],
      [
        'Text cost by size (one plan repeated)',
        scaling.map((s) => `${s.copies}×: ${s.msPerMb.toFixed(0)} ms/MB`).join(', '),
        `64× / 1× = ${(scaling[3].msPerMb / scaling[0].msPerMb).toFixed(2)} (aim ≤ 1.3; ${scaling[3].mb.toFixed(1)} MB at 64×)`,
      ],
    ],
    notes: [
      `- Single-thread figures are steady state, after a second of warm-up. The
  tone-mark fixer caches per word; plans share their vocabulary, so a cold
  archive sees the same benefit after its first few documents.`,
    ],
  };
}
