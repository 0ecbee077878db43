// The import rules of src/export (.dependency-cruiser.cjs rule 6), proved able to fail on a small fake tree.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function violations(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kehoach-depcruise-export-'));
  dirs.push(dir);
  const tsconfig = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src'] });
  for (const [path, content] of Object.entries({ 'tsconfig.json': tsconfig, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const run = spawnSync(process.execPath, [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const result = JSON.parse(run.stdout) as { summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

it('src/export reads the schema, the lexicon and the batch tables, never a stage; no stage reads src/export', () => {
  expect(
    violations({
      'src/export/xlsx.ts':
        "import type { Doc } from '../schema/document.js';\nimport { TABLES } from '../batch/exports.js';\nimport { WORDS } from '../lexicon/words.js';\n" +
        "import { lines } from '../layout/lines.js';\nimport { parse } from '../parse.js';\nexport const x = (d: Doc): unknown => [TABLES, WORDS, lines, parse, d];\n",
      'src/schema/document.ts': 'export type Doc = { id: string };\n',
      'src/batch/exports.ts': 'export const TABLES = 1;\n',
      'src/lexicon/words.ts': 'export const WORDS = 1;\n',
      'src/layout/lines.ts': 'export const lines = 1;\n',
      'src/parse.ts': 'export const parse = 1;\n',
      'src/extract/e.ts': "import { x } from '../export/xlsx.js';\nexport const e = x;\n",
    }),
  ).toEqual([
    'export-not-to-pipeline: src/export/xlsx.ts → src/layout/lines.ts',
    'export-not-to-pipeline: src/export/xlsx.ts → src/parse.ts',
    'pipeline-not-to-export: src/extract/e.ts → src/export/xlsx.ts',
  ]);
});
