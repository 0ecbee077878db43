// Bundles the sandbox's child process: dist/sandbox/launch.cjs, what the child starts with, and the scripts it runs
// from dist/sandbox/child/: worker.js (dist/sandbox/worker.js and what it imports) and pdfjs-VERSION.js (pdf.js).
//
// Every document is parsed in a fresh child process, so its start is paid for each `kehoach parse`: loading some 150
// modules one by one (zod alone is 95 files, 40 of them locales nothing here uses) took longer than parsing a one-page
// plan, and so did compiling the bundled stages and pdf.js on every start. So the child's code is bundled into
// scripts, not modules: node 20 can hand a script (vm.Script), not a module, the code V8 compiled for it in an
// earlier process (src/sandbox/code-cache.ts). The format readers are in the worker's script, run only when their
// format comes; pdf.js is a script of its own, run when a PDF comes; the packages other than zod and pdf.js stay
// where npm put them. src/schema/document.ts imports zod as a namespace (`import * as z`), so that only the parts the
// schemas use are bundled (170 KB of zod's 750).
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
// Built by tsc just before this script runs (npm run build).
import * as PDFJS_BUNDLES from '../dist/ingest/pdfjs-bundles.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/sandbox/child`;
const BUNDLED_PACKAGES = new Set(['zod']);
const require = createRequire(import.meta.url);
const PDFJS_LIBRARY = require.resolve(PDFJS_BUNDLES.PDFJS_LIBRARY);
const PDFJS_WORKER = require.resolve(PDFJS_BUNDLES.PDFJS_WORKER);
const PDFJS_VERSION = require('pdfjs-dist/package.json').version;

// What a script's `import.meta.url` reads: the URL its runner passes (src/sandbox/code-cache.ts).
const IMPORT_META_URL = '__kehoachImportMetaUrl';

/** Module source whose import.meta.url reads the URL of `file`, a path relative to the bundle it is built into. */
const withImportMetaUrlOf = (contents, file) => contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(file)}, import.meta.url).href`);

// A module that finds files next to itself (data/agencies.json, package.json) keeps its own location: its
// import.meta.url is rewritten to the URL of the file it was built into dist/ as.
const ownLocation = {
  name: 'own-location',
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
      const contents = await readFile(path, 'utf8');
      if (!contents.includes('import.meta.url')) return { contents, loader: 'js' };
      const fromBundle = relative(outdir, path).split('\\').join('/');
      return { contents: withImportMetaUrlOf(contents, fromBundle), loader: 'js', resolveDir: dirname(path) };
    });
  },
};

// Packages stay external except zod: their own start costs little, or they load only with their format.
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
      return BUNDLED_PACKAGES.has(name) ? undefined : { path, external: true };
    });
  },
};

// pdf.js's two bundles, library first as when imported, and each still reading its own file's URL as import.meta.url:
// the script is run with the installed library's URL (src/sandbox/scripts.ts), where pdf.js finds the canvas package from.
const pdfjsEntry = {
  name: 'pdfjs-entry',
  setup(build) {
    build.onResolve({ filter: /^pdfjs-entry$/ }, () => ({ path: 'pdfjs-entry', namespace: 'pdfjs-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'pdfjs-entry' }, () => ({
      contents: `export * from ${JSON.stringify(PDFJS_LIBRARY)};\nimport ${JSON.stringify(PDFJS_WORKER)};\n`,
      loader: 'js',
      resolveDir: root,
    }));
    build.onLoad({ filter: /[\\/]pdfjs-dist[\\/].*\.mjs$/ }, async ({ path }) => {
      return { contents: withImportMetaUrlOf(await readFile(path, 'utf8'), path.split(/[\\/]/).pop()), loader: 'js' };
    });
  },
};

// What the launcher and the scripts are built as: CommonJS for node 20, import.meta.url read from IMPORT_META_URL.
const CHILD_BUILD = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { 'import.meta.url': IMPORT_META_URL },
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * Builds one script: the bundle as CommonJS, wrapped in a function expression that src/sandbox/code-cache.ts
 * compiles and calls with module, exports, require and the URL import.meta.url stands for. ASCII only (esbuild
 * escapes the rest), so that V8 holds it in one byte a character.
 */
async function buildScript(options, file) {
  const result = await build({
    ...CHILD_BUILD,
    ...options,
    write: false,
    // A script cannot import() (node 20 allows it only with --experimental-vm-modules): esbuild turns import() of a
    // bundled module into running its code, of a package into require().
    supported: { 'dynamic-import': false },
    charset: 'ascii',
    // A third less source to read, and to compile where there is no cache yet; names are kept, so stack traces still read.
    minifyWhitespace: true,
  });
  // Strict, as the modules were.
  await writeFile(`${outdir}/${file}`, `(function (module, exports, require, ${IMPORT_META_URL}) {"use strict";\n${result.outputFiles[0].text}})\n`);
}

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await build({
  ...CHILD_BUILD,
  entryPoints: [`${root}dist/sandbox/launch.js`],
  outfile: `${root}dist/sandbox/launch.cjs`,
  plugins: [externalPackages],
  banner: { js: `"use strict";\nconst ${IMPORT_META_URL} = require("node:url").pathToFileURL(__filename).href;` },
});
await buildScript({ entryPoints: [`${root}dist/sandbox/worker.js`], plugins: [ownLocation, externalPackages], minifySyntax: true }, 'worker.js');
// Named by its version: another version installed beside kehoach is imported as a module instead (src/sandbox/scripts.ts).
await buildScript({ entryPoints: ['pdfjs-entry'], plugins: [pdfjsEntry] }, `pdfjs-${PDFJS_VERSION}.js`);
