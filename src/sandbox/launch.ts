import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { ScriptCache } from './code-cache.js';
import { runPdfJsScript, WORKER_SCRIPT } from './scripts.js';
import type { serveDocuments } from './worker.js';

/**
 * What the sandbox's child process starts with (built as ./launch.cjs,
 * scripts/bundle-sandbox.mjs): runs the child's code, ./worker.ts and its
 * imports, and pdf.js when a PDF comes, as scripts compiled with V8's code
 * from the cache (./code-cache.ts), and stores that code after a document.
 */

// V8 compiles a pattern to machine code at its second run; a one-page plan runs most of the stages' patterns only a
// few times, so its cold parse was compiling each twice. Interpreted for their first 50 runs: a cold parse was some
// 20 ms faster (PDF; 7 ms text; interleaved runs), a warm one as fast. Set here, not on the command line: V8 reads it
// as patterns run, and a V8 without the flag only says so, where an unknown command-line flag stops node.
setFlagsFromString('--regexp-tier-up-ticks=50');

const scripts = new ScriptCache();
const worker = scripts.run<{ serveDocuments: typeof serveDocuments }>(WORKER_SCRIPT, pathToFileURL(WORKER_SCRIPT).href);
worker.serveDocuments({ loadPdfJs: () => runPdfJsScript(scripts), answered: (format) => scripts.save(format) });
