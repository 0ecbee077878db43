// The pipeline's import rules (.dependency-cruiser.cjs), checked on the real
// src/ and, to prove the check can fail at all, on small fake trees.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = join(root, '.dependency-cruiser.cjs');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: { name: string }[];
}
interface CruiseResult {
  summary: { violations: Violation[]; totalCruised: number; totalDependenciesCruised: number };
  modules: { source: string; dependencies: { resolved: string; couldNotResolve: boolean }[] }[];
}

/** Runs the same CLI and config as `npm run lint:deps`, in `cwd`, on its `src`. */
function cruise(cwd: string): CruiseResult {
  const run = spawnSync(process.execPath, [depcruise, 'src', '--config', config, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`dependency-cruiser failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as CruiseResult;
}

const describeViolation = (v: Violation): string =>
  `${v.rule.severity} ${v.rule.name}: ${v.from} → ${v.to}` +
  (v.cycle?.length ? `  (cycle: ${[v.from, ...v.cycle.map((step) => step.name)].join(' → ')})` : '');

/** Violations as sorted readable lines, so a failing assertion prints them all. */
const violationLines = (result: CruiseResult): string[] => result.summary.violations.map(describeViolation).sort();

describe('src/ follows the pipeline import rules', () => {
  let result: CruiseResult;
  beforeAll(() => {
    result = cruise(root);
  });

  it('dependency-cruiser really sees the src/ → src/ imports (.js specifiers resolved to .ts)', () => {
    const local = result.modules
      .filter((m) => m.source.startsWith('src/'))
      .flatMap((m) => m.dependencies.filter((d) => d.resolved.startsWith('src/')));
    // A mis-configured resolver would leave every rule vacuously satisfied.
    expect(local.length).toBeGreaterThan(20);
    expect(local.every((d) => d.resolved.endsWith('.ts'))).toBe(true);
  });

  it('has no violations', () => {
    expect(violationLines(result), 'dependency-cruiser violations in src/ (see .dependency-cruiser.cjs)').toEqual([]);
  });
});

describe('the rules catch what they forbid (fake trees, independent of src/)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** Writes `files` (paths relative to the tree root) plus a NodeNext tsconfig, cruises `src`. */
  function cruiseTree(files: Record<string, string>): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'kehoach-depcruise-'));
    dirs.push(dir);
    const all = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true },
        include: ['src'],
      }),
      ...files,
    };
    for (const [path, content] of Object.entries(all)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return violationLines(cruise(dir));
  }

  it('a stage importing a later stage', () => {
    expect(
      cruiseTree({
        'src/layout/a.ts': "import { b } from '../structure/b.js';\nexport const a = b;\n",
        'src/structure/b.ts': 'export const b = 1;\n',
      }),
    ).toEqual(['error layout-not-to-later-stage: src/layout/a.ts → src/structure/b.ts']);
  });

  it('type-only imports count too; earlier stages and shared code are allowed', () => {
    expect(
      cruiseTree({
        'src/ingest/read.ts': "import type { Marker } from '../structure/markers.js';\nexport const m: Marker[] = [];\n",
        'src/structure/markers.ts':
          "import { word } from '../lexicon/words.js';\nimport { p } from '../layout/p.js';\n" +
          "import { fail } from '../errors.js';\nexport type Marker = string;\nexport const x = [word, p, fail];\n",
        'src/layout/p.ts': "import { fold } from '../text/fold.js';\nexport const p = fold('p');\n",
        'src/lexicon/words.ts': "import { fold } from '../text/fold.js';\nexport const word = fold('w');\n",
        'src/text/fold.ts': 'export const fold = (s: string): string => s;\n',
        'src/errors.ts': 'export const fail = 1;\n',
      }),
    ).toEqual(['error ingest-not-to-later-stage: src/ingest/read.ts → src/structure/markers.ts']);
  });

  it('shared code importing a stage, a stage importing the orchestration, cycles', () => {
    expect(
      cruiseTree({
        'src/lexicon/words.ts': "import { p } from '../layout/p.js';\nexport const word = p;\n",
        'src/layout/p.ts': 'export const p = 1;\n',
        'src/extract/e.ts': "import { parse } from '../pipeline.js';\nexport const e = parse;\n",
        'src/pipeline.ts': 'export const parse = 1;\n',
        'src/text/x.ts': "import { y } from './y.js';\nexport const x = (): number => y();\n",
        'src/text/y.ts': "import { x } from './x.js';\nexport const y = (): number => x();\n",
      }),
    ).toEqual([
      // one cycle, reported once
      'error no-circular: src/text/x.ts → src/text/y.ts  (cycle: src/text/x.ts → src/text/y.ts → src/text/x.ts)',
      'error shared-not-to-stage: src/lexicon/words.ts → src/layout/p.ts',
      'error stage-not-to-orchestration: src/extract/e.ts → src/pipeline.ts',
    ]);
  });

  it('a relative import that does not resolve (else the rules above would pass vacuously)', () => {
    expect(
      cruiseTree({ 'src/layout/a.ts': "import { b } from '../structure/missing.js';\nexport const a = b;\n" }),
    ).toEqual(['error not-to-unresolvable: src/layout/a.ts → ../structure/missing.js']);
  });
});
