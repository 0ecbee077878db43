// Bundles the sandbox's child process (dist/sandbox/worker.js and what it imports) into dist/sandbox/child/.
//
// Every document is parsed in a fresh child process, so its start is paid for each `kehoach parse`: loading some 150
// modules one by one (zod alone is 95 files, 40 of them locales nothing here uses) took longer than parsing a one-page
// plan. Bundled, the child loads one file for the text path; the format readers stay separate chunks, loaded when a
// PDF, DOCX or .doc comes, and the packages other than zod stay where npm put them. src/schema/document.ts imports zod
// as a namespace (`import * as z`), so that only the parts the schemas use are bundled (170 KB of zod's 750).
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/sandbox/child`;
const BUNDLED_PACKAGES = new Set(['zod']);

// A module that finds files next to itself (data/agencies.json, package.json) keeps its own location: its
// import.meta.url is rewritten to the URL of the file it was built into dist/ as.
const ownLocation = {
  name: 'own-location',
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
      const contents = await readFile(path, 'utf8');
      if (!contents.includes('import.meta.url')) return { contents, loader: 'js' };
      const fromBundle = relative(outdir, path).split('\\').join('/');
      return { contents: contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'js', resolveDir: dirname(path) };
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

// Chunk names carry a hash of their content: an earlier build's would stay beside the new ones.
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { worker: `${root}dist/sandbox/worker.js` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [ownLocation, externalPackages],
  logLevel: 'warning',
  legalComments: 'none',
  // A third less source to scan at each start (some 30 ms); names are kept, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
});
