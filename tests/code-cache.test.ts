import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheDirectory, ScriptCache } from '../src/sandbox/code-cache.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');

/** A script as scripts/bundle-sandbox.mjs shapes them, with functions enough for V8 to store code for. */
function writeScript(directory: string, name: string, answer: number): string {
  const path = join(directory, `${name}.js`);
  const body = `const double = (n) => n * 2;\nfunction answer() { return double(${answer / 2}); }\nmodule.exports = { answer, url: __kehoachImportMetaUrl, strict: this === undefined };`;
  writeFileSync(path, `(function (module, exports, require, __kehoachImportMetaUrl) {"use strict";\n${body}})\n`);
  return path;
}

/**
 * The same script at another path, as a new process would compile it: V8 keeps what this process compiled and
 * reuses it for the same source from the same file, without looking at the code it is handed.
 */
function elsewhere(script: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'kehoach-code-cache-')), basename(script));
  copyFileSync(script, copy);
  return copy;
}

interface Exports {
  answer: () => number;
  url: string;
  strict: boolean;
}

/** A script "worker" answering 42, run once and its code stored after a text document, in a fresh directory. */
function workerStoredOnce(): { work: string; cache: string; script: string } {
  const work = mkdtempSync(join(tmpdir(), 'kehoach-code-cache-'));
  const cache = join(work, 'cache');
  const script = writeScript(work, 'worker', 42);
  const first = new ScriptCache(cache);
  first.run(script, 'file:///x');
  first.save('txt');
  return { work, cache, script };
}

/**
 * A next process, whose cache for `script` is `unusable`: it still runs the script (answering 42) and stores its
 * own code after a document, which the process after it accepts.
 */
function compilesAsUsualThenStores(cache: string, script: string, unusable: 'damaged' | 'rejected'): void {
  const second = new ScriptCache(cache);
  const again = elsewhere(script);
  expect(second.run<Exports>(again, 'file:///x').answer()).toBe(42);
  expect(second.use(again)).toBe(unusable);
  second.save('txt');
  const third = new ScriptCache(cache);
  const later = elsewhere(script);
  third.run(later, 'file:///x');
  expect(third.use(later)).toBe('accepted');
}

const cacheFiles = (directory: string): string[] => (existsSync(directory) ? readdirSync(directory).filter((f) => f.endsWith('.v8cache')) : []);
/** For each kind of document, how many processes stored their code in the cache file after one. */
const storedAfter = (file: string): Record<string, number> => {
  const bytes = readFileSync(file);
  const start = bytes.indexOf(10) + 1;
  return (JSON.parse(bytes.subarray(start, bytes.indexOf(10, start)).toString()) as { storedAfter: Record<string, number> }).storedAfter;
};

describe('the code cache of the sandbox child’s scripts', () => {
  it('runs a script, stores its code after a document, and compiles from it in the next process', () => {
    const work = mkdtempSync(join(tmpdir(), 'kehoach-code-cache-'));
    const cache = join(work, 'cache');
    const script = writeScript(work, 'worker', 42);
    const first = new ScriptCache(cache);
    const exports = first.run<Exports>(script, 'file:///somewhere/worker.js');
    expect(exports).toEqual({ answer: exports.answer, url: 'file:///somewhere/worker.js', strict: true });
    expect(exports.answer()).toBe(42);
    expect(first.use(script)).toBe('missing');
    expect(cacheFiles(cache)).toEqual([]);

    first.save('txt');
    const [file] = cacheFiles(cache);
    expect(file).toMatch(/^worker-[0-9a-f]+-[0-9a-f]{9,}\.v8cache$/);
    expect(storedAfter(join(cache, file!))).toEqual({ txt: 1 });

    const second = new ScriptCache(cache);
    const again = elsewhere(script);
    expect((second.run<Exports>(again, 'file:///x')).answer()).toBe(42);
    expect(second.use(again)).toBe('accepted');
  });

  it('adds to the cache what the first three processes ran for each kind of document, then leaves it as it is', () => {
    const work = mkdtempSync(join(tmpdir(), 'kehoach-code-cache-'));
    const cache = join(work, 'cache');
    const script = writeScript(work, 'worker', 42);
    const nextProcess = (): ScriptCache => {
      const scripts = new ScriptCache(cache);
      scripts.run(elsewhere(script), 'file:///x');
      return scripts;
    };
    for (let i = 1; i <= 3; i++) {
      const scripts = nextProcess();
      scripts.save('txt');
      // Once a process.
      scripts.save('txt');
      const file = join(cache, cacheFiles(cache)[0]!);
      expect(storedAfter(file)).toEqual({ txt: i });
    }
    const file = join(cache, cacheFiles(cache)[0]!);
    const stored = readFileSync(file);
    const fourth = nextProcess();
    fourth.save('txt');
    expect(readFileSync(file).equals(stored)).toBe(true);
    fourth.save('pdf');
    expect(storedAfter(file)).toEqual({ txt: 3, pdf: 1 });
  });

  it('stores a script run only for some kinds of documents after those only', () => {
    const work = mkdtempSync(join(tmpdir(), 'kehoach-code-cache-'));
    const cache = join(work, 'cache');
    const [worker, pdfjs] = [writeScript(work, 'worker', 42), writeScript(work, 'pdfjs-1.0.0', 44)];
    const scripts = new ScriptCache(cache);
    scripts.run(worker, 'file:///x');
    scripts.run(pdfjs, 'file:///x', ['pdf']);
    scripts.save('txt');
    expect(cacheFiles(cache).map((f) => f.split('-')[0])).toEqual(['worker']);
    scripts.save('pdf');
    const files = Object.fromEntries(cacheFiles(cache).map((f) => [f.split('-')[0], storedAfter(join(cache, f))]));
    expect(files).toEqual({ worker: { txt: 1, pdf: 1 }, pdfjs: { pdf: 1 } });
  });

  it('compiles as usual from a damaged cache file, and stores a sound one after the document', () => {
    const { cache, script } = workerStoredOnce();
    const file = join(cache, cacheFiles(cache)[0]!);
    const bytes = readFileSync(file);
    // A flipped byte in V8's code, which V8 itself would not notice.
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(file, bytes);

    compilesAsUsualThenStores(cache, script, 'damaged');

    writeFileSync(file, 'not a cache');
    const fourth = new ScriptCache(cache);
    expect((fourth.run<Exports>(script, 'file:///x')).answer()).toBe(42);
    expect(fourth.use(script)).toBe('damaged');
  });

  it('compiles as usual from code V8 rejects, and stores its own after the document', () => {
    const work = mkdtempSync(join(tmpdir(), 'kehoach-code-cache-'));
    const cache = join(work, 'cache');
    const [one, other] = [writeScript(work, 'one', 42), join(work, 'two.js')];
    writeFileSync(other, readFileSync(one, 'utf8').replace('module.exports', 'const more = 1;\nmodule.exports'));
    const first = new ScriptCache(cache);
    first.run(one, 'file:///x');
    first.run(other, 'file:///x');
    first.save('txt');
    const [a, b] = cacheFiles(cache).map((f) => join(cache, f));
    // Each file holds the other script's code: sound files, the wrong source's code, which V8 turns down.
    const [codeA, codeB] = [readFileSync(a!), readFileSync(b!)];
    writeFileSync(a!, codeB);
    writeFileSync(b!, codeA);

    compilesAsUsualThenStores(cache, one, 'rejected');
  });

  it('removes the cache of an earlier build of a script when it stores the new one, and temporary files long abandoned', () => {
    const { work, cache, script } = workerStoredOnce();
    const [earlier] = cacheFiles(cache);
    // Left by processes killed as they wrote: one long ago, one maybe still writing.
    const [abandoned, recent] = [join(cache, `${earlier!}.1.tmp`), join(cache, `${earlier!}.2.tmp`)];
    writeFileSync(abandoned, '');
    writeFileSync(recent, '');
    utimesSync(abandoned, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    writeScript(work, 'worker', 44);
    const second = new ScriptCache(cache);
    expect((second.run<Exports>(script, 'file:///x')).answer()).toBe(44);
    expect(second.use(script)).toBe('missing');
    second.save('txt');
    expect(cacheFiles(cache)).toHaveLength(1);
    expect(cacheFiles(cache)).not.toContain(earlier);
    expect([existsSync(abandoned), existsSync(recent)]).toEqual([false, true]);
  });

  it('runs alike where the cache directory cannot be made, writing nothing and throwing nothing', () => {
    const work = mkdtempSync(join(tmpdir(), 'kehoach-code-cache-'));
    const script = writeScript(work, 'worker', 42);
    // Below a regular file: no directory can be made there, even by root.
    const blocked = join(script, 'cache');
    const scripts = new ScriptCache(blocked);
    expect((scripts.run<Exports>(script, 'file:///x')).answer()).toBe(42);
    expect(() => scripts.save('txt')).not.toThrow();
    expect(readdirSync(work)).toEqual(['worker.js']);

    const off = new ScriptCache(null);
    expect((off.run<Exports>(script, 'file:///x')).answer()).toBe(42);
    expect(off.use(script)).toBe('off');
    off.save('txt');
  });

  it('is kept in $KEHOACH_CACHE_DIR, else the XDG cache directory, else ~/.cache; an empty KEHOACH_CACHE_DIR turns it off', () => {
    expect(codeCacheDirectory({ KEHOACH_CACHE_DIR: '/var/cache/k', XDG_CACHE_HOME: '/xdg' })).toBe('/var/cache/k');
    expect(codeCacheDirectory({ KEHOACH_CACHE_DIR: '', XDG_CACHE_HOME: '/xdg' })).toBeNull();
    expect(codeCacheDirectory({ XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/kehoach');
    expect(codeCacheDirectory({ XDG_CACHE_HOME: 'relative' })).toBe(join(homedir(), '.cache', 'kehoach'));
    expect(codeCacheDirectory({})).toBe(join(homedir(), '.cache', 'kehoach'));
  });
});

describe('kehoach parse with the code cache', () => {
  const inputs = ['hue-2026-page1.pdf', 'hue-2026-page1.txt', 'hue-2026.docx', 'hue-2026.doc'].map((name) => join(root, 'fixtures', name));
  const parse = (file: string, cacheDirectory: string): string => {
    const result = spawnSync(process.execPath, [cli, 'parse', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, KEHOACH_CACHE_DIR: cacheDirectory }, timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout;
  };
  /** The child stores the code after it has answered, while its parent may already have exited. */
  const settled = async (cache: string, done: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done(), `cache in ${cache}: ${cacheFiles(cache).join(', ')}`).toBe(true);
  };
  const coversAll = (cache: string): boolean => {
    const files = cacheFiles(cache);
    const worker = files.find((f) => f.startsWith('worker-'));
    return worker !== undefined && files.some((f) => f.startsWith('pdfjs-')) && ['pdf', 'txt', 'docx', 'doc'].every((kind) => storedAfter(join(cache, worker))[kind] !== undefined);
  };

  it('gives the same output in every format with no cache, an empty one, a full one, a damaged one and one it cannot write', async () => {
    const work = mkdtempSync(join(tmpdir(), 'kehoach-code-cache-'));
    const cache = join(work, 'cache');
    const outputs = inputs.map((file) => parse(file, ''));
    expect(outputs.map((o) => (JSON.parse(o) as { source: { format: string } }).source.format)).toEqual(['pdf', 'txt', 'docx', 'doc']);
    expect(cacheFiles(cache)).toEqual([]);

    // Empty: each format's parse stores (or adds to) the code.
    for (const [i, file] of inputs.entries()) {
      expect(parse(file, cache)).toBe(outputs[i]);
      await settled(cache, () => cacheFiles(cache).some((f) => f.startsWith('worker-') && Object.keys(storedAfter(join(cache, f))).length === i + 1));
    }
    await settled(cache, () => coversAll(cache));
    // Full; the second process of each kind adds what it ran.
    for (const [i, file] of inputs.entries()) expect(parse(file, cache)).toBe(outputs[i]);
    await settled(cache, () => {
      const worker = cacheFiles(cache).find((f) => f.startsWith('worker-'));
      return worker !== undefined && Object.values(storedAfter(join(cache, worker))).join() === '2,2,2,2';
    });

    // Damaged: every file cut short; each is stored whole again.
    const files = cacheFiles(cache).map((f) => join(cache, f));
    for (const file of files) writeFileSync(file, readFileSync(file).subarray(0, 1000));
    for (const [i, file] of inputs.entries()) expect(parse(file, cache)).toBe(outputs[i]);
    await settled(cache, () => files.every((f) => statSync(f).size > 1000) && coversAll(cache));

    // Not writable: a regular file where the directory would be.
    const blocked = join(work, 'blocked');
    copyFileSync(inputs[1]!, blocked);
    for (const [i, file] of inputs.entries()) expect(parse(file, join(blocked, 'cache'))).toBe(outputs[i]);
  });

  it('runs pdf.js from its script in the child, the one its code is stored for', async () => {
    const work = mkdtempSync(join(tmpdir(), 'kehoach-code-cache-'));
    parse(inputs[0]!, work);
    const { version } = JSON.parse(readFileSync(join(root, 'node_modules', 'pdfjs-dist', 'package.json'), 'utf8')) as { version: string };
    await settled(work, () => cacheFiles(work).some((f) => f.startsWith(`pdfjs-${version}-`)));
  });
});

describe('pdf.js run from its script', () => {
  const runScript = (script: string): Record<string, unknown> => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  };
  const parsed = (loader: string): string => `
    import { createHash } from 'node:crypto';
    import { createRequire } from 'node:module';
    import { runInNewContext } from 'node:vm';
    const { claimProcessGlobals, loadPdfJsWith } = await import('./dist/ingest/pdfjs.js');
    const { ScriptCache } = await import('./dist/sandbox/code-cache.js');
    const { runPdfJsScript } = await import('./dist/sandbox/scripts.js');
    claimProcessGlobals(); // as the sandbox's child does
    let loaded = null;
    ${loader}
    const { parse } = await import('./dist/index.js');
    const document = await parse('fixtures/hue-2026.pdf', { isolate: false });
    const engines = (f) => /\\{\\s*\\[native code\\]\\s*\\}$/.test(runInNewContext('Function.prototype.toString').call(f));
    console.log(JSON.stringify({
      loaded,
      hash: createHash('sha256').update(JSON.stringify(document)).digest('hex'),
      fetchLoaded: process.moduleLoadList.some((name) => name.includes('undici')),
      responseStillLazy: typeof Object.getOwnPropertyDescriptor(globalThis, 'Response').get === 'function',
      canvas: Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('@napi-rs')).map((path) => path.split('@napi-rs/')[1]),
      builtins: engines(Array.prototype.push) && engines(JSON.stringify),
    }));
  `;

  it('parses as the modules do, with the same containment: no fetch, no native canvas, the engine’s builtins back', () => {
    const scripted = runScript(parsed('loadPdfJsWith(() => { const library = runPdfJsScript(new ScriptCache(null)); loaded = typeof library?.getDocument; return library; });'));
    const modules = runScript(parsed(''));
    expect(scripted).toMatchObject({ loaded: 'function', fetchLoaded: false, responseStillLazy: true, canvas: ['canvas/geometry.js'], builtins: true });
    expect(modules).toMatchObject({ loaded: null, fetchLoaded: false, responseStillLazy: true, canvas: ['canvas/geometry.js'], builtins: true });
    expect(scripted.hash).toBe(modules.hash);
  });

  it('imports the modules where the loader has no script (another pdf.js installed)', () => {
    const result = runScript(parsed("loadPdfJsWith(() => { loaded = 'asked'; return null; });"));
    expect(result).toMatchObject({ loaded: 'asked', fetchLoaded: false, builtins: true });
    expect(result.hash).toBe(runScript(parsed('')).hash);
  });
});

describe('what the sandbox’s child loads', () => {
  it('loads neither node:crypto (the parent hashes the document) nor iconv-lite (until a text is not UTF-8)', () => {
    const work = mkdtempSync(join(tmpdir(), 'kehoach-child-modules-'));
    const preload = join(work, 'report-modules.cjs');
    const report = join(work, 'modules.json');
    // In the child only (it has an IPC channel): what is loaded once it answers.
    writeFileSync(
      preload,
      `if (process.send) {
        const send = process.send.bind(process);
        process.send = (message, ...rest) => {
          if (message && 'ok' in message) require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({
            crypto: process.moduleLoadList.includes('NativeModule crypto'),
            iconv: Object.keys(require.cache).some((path) => path.includes('iconv-lite')),
          }));
          return send(message, ...rest);
        };
      }`,
    );
    const utf16 = join(work, 'utf16.txt');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(join(root, 'fixtures', 'hue-2026-page1.txt'), 'utf8'), 'utf16le')]));
    const loaded = (file: string): unknown => {
      rmSync(report, { force: true });
      // No code cache: this NODE_OPTIONS would name cache files of its own, left behind.
      const env = { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(preload)}`, KEHOACH_CACHE_DIR: '' };
      const result = spawnSync(process.execPath, [cli, 'parse', file], { env, encoding: 'utf8' });
      expect(result.status).toBe(0);
      return JSON.parse(readFileSync(report, 'utf8'));
    };
    expect(loaded(join(root, 'fixtures', 'hue-2026-page1.pdf'))).toEqual({ crypto: false, iconv: false });
    expect(loaded(join(root, 'fixtures', 'hue-2026-page1.txt'))).toEqual({ crypto: false, iconv: false });
    expect(loaded(utf16)).toEqual({ crypto: false, iconv: true });
  });
});

describe('the hash the sandbox’s child is handed', () => {
  it('is the SHA-256 of the bytes, for bytes in shared memory too', async () => {
    const { parse } = await import('../src/parse.js');
    const bytes = readFileSync(join(root, 'fixtures', 'hue-2026-page1.txt'));
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const expected = createHash('sha256').update(bytes).digest('hex');
    for (const input of [new Uint8Array(bytes), shared]) expect((await parse(input, { name: 'hue-2026-page1.txt' })).source.sha256).toBe(expected);
  });
});
