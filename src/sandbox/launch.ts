import { pathToFileURL } from 'node:url';
import { ScriptCache } from './code-cache.js';
import { runPdfJsScript, WORKER_SCRIPT } from './scripts.js';
import type { serveDocuments } from './worker.js';

/**
 * What the sandbox's child process starts with (built as ./launch.cjs,
 * scripts/bundle-sandbox.mjs): runs the child's code, ./worker.ts and its
 * imports, and pdf.js when a PDF comes, as scripts compiled with V8's code
 * from the cache (./code-cache.ts), and stores that code after a document.
 */

const scripts = new ScriptCache();
const worker = scripts.run<{ serveDocuments: typeof serveDocuments }>(WORKER_SCRIPT, pathToFileURL(WORKER_SCRIPT).href);
worker.serveDocuments({ loadPdfJs: () => runPdfJsScript(scripts), answered: (format) => scripts.save(format) });
