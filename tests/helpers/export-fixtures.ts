import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type PlanDocument } from '../../src/index.js';

export const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');

/** A bundled plan parsed on this thread (the exports read its result; how it was parsed is not under test here). */
export const plan = (name: string): Promise<PlanDocument> => parse(join(fixtures, name), { isolate: false });

/** A fresh folder for the files a test writes. */
export const scratchDir = (label: string): string => mkdtempSync(join(tmpdir(), `kehoach-${label}-`));

/** Deadlines a calendar places on a day of their own (not recurring, not ongoing). */
export const datedDeadlines = (document: PlanDocument): PlanDocument['deadlines'] => document.deadlines.filter((d) => d.date !== null || d.start !== null);
