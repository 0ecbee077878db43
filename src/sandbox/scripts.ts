import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PdfJs } from '../ingest/pdfjs.js';
import { PDFJS_LIBRARY } from '../ingest/pdfjs-bundles.js';
import type { ScriptCache } from './code-cache.js';

/**
 * The scripts the sandbox's child runs, as scripts/bundle-sandbox.mjs builds
 * them into dist/sandbox/child/: the worker (./worker.ts and its imports)
 * and pdf.js.
 */

const CHILD = new URL('./child/', import.meta.url);
const require = createRequire(import.meta.url);

export const WORKER_SCRIPT = fileURLToPath(new URL('worker.js', CHILD));

/**
 * Runs pdf.js's script, the one the build made for pdfjs-dist as installed:
 * null where another version is installed (pdf.js is then imported as a
 * module). Its `import.meta.url` is still the installed library's, where
 * pdf.js finds the canvas package from.
 */
export function runPdfJsScript(scripts: ScriptCache): PdfJs | null {
  const { version } = require('pdfjs-dist/package.json') as { version: string };
  const script = fileURLToPath(new URL(`pdfjs-${version}.js`, CHILD));
  return existsSync(script) ? scripts.run<PdfJs>(script, pathToFileURL(require.resolve(PDFJS_LIBRARY)).href, ['pdf']) : null;
}
