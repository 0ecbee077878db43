import { Module, createRequire } from 'node:module';
import { restoreEngineBuiltins } from './natives.js';

/**
 * Loads pdf.js (legacy build) without what only drawing needs, and without
 * leaving its polyfills in the process.
 *
 * As it loads in Node, pdf.js requires @napi-rs/canvas for three classes,
 * DOMMatrix, Path2D and ImageData, and installs them as globals when they are
 * missing. Loading that package opens a native module and registers the
 * system's fonts, a good part of pdf.js's own load time, and reading text
 * never draws. So, before pdf.js runs:
 * - DOMMatrix, which pdf.js constructs once as it loads, is installed from the
 *   package's pure-JavaScript geometry module: the very class the package
 *   exports, without its native part;
 * - Path2D and ImageData become globals that load the package the first time
 *   they are used (by a renderer in the same process), and give its classes;
 * - pdf.js's require of the package finds an empty module in require's cache,
 *   taken out again once pdf.js has loaded, so that a later require (pdf.js's
 *   canvas factory, when something renders) gets the real package.
 * pdf.js then has every global it checks for and warns about none. Where the
 * package is missing, or already loaded, or laid out otherwise, nothing is
 * changed and pdf.js loads as it always did.
 */

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const CANVAS_PACKAGE = '@napi-rs/canvas';

/** A global that loads its value on first use; `during` is what it reads as while pdf.js loads (its presence check only). */
function defineDeferredGlobal(name: string, load: () => unknown, during: () => boolean): void {
  const settle = (value: unknown): void => {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  };
  const placeholder = function deferred(): never {
    throw new TypeError(`${name} is not available while pdf.js loads`);
  };
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: false,
    get() {
      if (during()) return placeholder;
      const value = load();
      settle(value);
      return value;
    },
    set: settle,
  });
}

async function withCanvasDeferred<T>(load: () => Promise<T>): Promise<T> {
  const require = createRequire(import.meta.url);
  let canvasPath: string;
  let DOMMatrix: unknown;
  let requireCanvas: () => Record<string, unknown>;
  try {
    const fromPdfJs = createRequire(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'));
    canvasPath = fromPdfJs.resolve(CANVAS_PACKAGE);
    if (require.cache[canvasPath]) return await load();
    ({ DOMMatrix } = fromPdfJs(`${CANVAS_PACKAGE}/geometry.js`) as { DOMMatrix: unknown });
    if (typeof DOMMatrix !== 'function') return await load();
    requireCanvas = () => fromPdfJs(CANVAS_PACKAGE) as Record<string, unknown>;
  } catch {
    return load();
  }
  let loading = true;
  if (!('DOMMatrix' in globalThis)) Object.defineProperty(globalThis, 'DOMMatrix', { value: DOMMatrix, writable: true, configurable: true, enumerable: false });
  for (const name of ['Path2D', 'ImageData']) {
    if (!(name in globalThis)) defineDeferredGlobal(name, () => requireCanvas()[name], () => loading);
  }
  const standIn = new Module(canvasPath);
  standIn.filename = canvasPath;
  standIn.loaded = true;
  require.cache[canvasPath] = standIn;
  try {
    return await load();
  } finally {
    loading = false;
    if (require.cache[canvasPath] === standIn) delete require.cache[canvasPath];
  }
}

/**
 * Both bundles are loaded here (the worker's registers itself as
 * `globalThis.pdfjsWorker`, so pdf.js runs it in this thread without a second
 * import), then the engine's builtins are put back (./natives.ts).
 */
async function importPdfJs(): Promise<PdfJs> {
  try {
    return await withCanvasDeferred(async () => {
      const [library] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
      return library;
    });
  } finally {
    restoreEngineBuiltins();
  }
}

let pdfjs: Promise<PdfJs> | null = null;
/** pdf.js as ingestion runs it; the benchmark measures the same. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= importPdfJs();
  return pdfjs;
}
