// Shared by the benchmark's sections: fixtures, timing helpers.
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
export const fixtures = join(root, 'fixtures');
/**
 * The whole corpus: the three issued plans and the three written in other domains, whose appendix and schedule
 * tables cost the most per page (table rulings, cell-per-line tables, a task per row). A figure over part of it
 * would flatter the parser.
 */
export const names = ['hcmc-2026', 'hue-2026', 'tan-binh-2025', 'chuyen-doi-so-2025', 'giao-duc-nam-hoc', 'le-hoi-du-lich'];

export const argument = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/** Repeats `work` until `seconds` have passed, after a second of warm-up (steady-state JIT); returns runs and elapsed seconds. */
export async function timed(work, seconds = 3) {
  const warmUp = Date.now();
  while (Date.now() - warmUp < 1000) await work();
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    await work();
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return { runs, elapsed };
}

/** Seconds taken by one call of `work`. */
export const seconds = async (work) => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
};
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
