import { Module, createRequire } from 'node:module';
import { restoreEngineBuiltins } from './natives.js';
import { PDFJS_LIBRARY, PDFJS_WORKER } from './pdfjs-bundles.js';

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
 *
 * pdf.js also gives `Response.prototype` a `bytes` method as it loads, for
 * the network streams ingestion never opens (it hands pdf.js the bytes).
 * Node's `Response` is a global that loads the whole fetch implementation
 * the first time it is read: 20 ms of every cold PDF parse. In the sandbox's
 * child, a process that runs nothing else, `Response` reads as a stand-in
 * that already has the method while pdf.js loads; after, Node's own global
 * is back, unread and unpatched. In a host application's process (`isolate:
 * false`) the global is left alone: the host may use it meanwhile.
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
      let value: unknown;
      try {
        value = load();
      } catch {
        // No native build of the package here: the global stays missing, as pdf.js would have left it.
        value = undefined;
      }
      settle(value);
      return value;
    },
    set: settle,
  });
}

interface CanvasPackage {
  /** Where require finds the package's entry, from pdf.js. */
  path: string;
  /** The package's own DOMMatrix class, from its pure-JavaScript geometry module. */
  DOMMatrix: unknown;
  /** The package itself, native part and all. */
  load: () => Record<string, unknown>;
}

/** The canvas package pdf.js would load, or null where there is nothing to defer (missing, already loaded, laid out otherwise). */
function deferrableCanvasPackage(): CanvasPackage | null {
  try {
    const require = createRequire(import.meta.url);
    const fromPdfJs = createRequire(require.resolve(PDFJS_LIBRARY));
    const path = fromPdfJs.resolve(CANVAS_PACKAGE);
    if (require.cache[path]) return null;
    const { DOMMatrix } = fromPdfJs(`${CANVAS_PACKAGE}/geometry.js`) as { DOMMatrix: unknown };
    return typeof DOMMatrix === 'function' ? { path, DOMMatrix, load: () => fromPdfJs(CANVAS_PACKAGE) as Record<string, unknown> } : null;
  } catch {
    return null;
  }
}

async function withCanvasDeferred<T>(load: () => Promise<T>): Promise<T> {
  const canvas = deferrableCanvasPackage();
  if (!canvas) return load();
  const require = createRequire(import.meta.url);
  let loading = true;
  if (!('DOMMatrix' in globalThis)) Object.defineProperty(globalThis, 'DOMMatrix', { value: canvas.DOMMatrix, writable: true, configurable: true, enumerable: false });
  for (const name of ['Path2D', 'ImageData']) {
    if (!(name in globalThis)) defineDeferredGlobal(name, () => canvas.load()[name], () => loading);
  }
  const standIn = new Module(canvas.path);
  standIn.filename = canvas.path;
  standIn.loaded = true;
  require.cache[canvas.path] = standIn;
  try {
    return await load();
  } finally {
    loading = false;
    if (require.cache[canvas.path] === standIn) delete require.cache[canvas.path];
  }
}

let processRunsOnlyUs = false;
/** Called by the sandbox's child before anything else: nothing but kehoach runs in that process (see above). */
export function claimProcessGlobals(): void {
  processRunsOnlyUs = true;
}

/** Runs `load` with `Response` read as a stand-in, in a process of our own where it is Node's global that loads fetch on first use. */
async function withFetchDeferred<T>(load: () => Promise<T>): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  if (!processRunsOnlyUs || !own?.get || !own.configurable) return load();
  const standIn = function Response(): never {
    throw new TypeError('Response is not available while pdf.js loads');
  };
  standIn.prototype.bytes = function bytes(): never {
    throw new TypeError('Response is not available while pdf.js loads');
  };
  Object.defineProperty(globalThis, 'Response', { value: standIn, writable: true, configurable: true, enumerable: own.enumerable ?? false });
  try {
    return await load();
  } finally {
    // Put back unless something assigned its own Response meanwhile.
    if (Object.getOwnPropertyDescriptor(globalThis, 'Response')?.value === standIn) Object.defineProperty(globalThis, 'Response', own);
  }
}

/**
 * pdf.js as the application in this process loaded it already (pdf.mjs names
 * itself `globalThis.pdfjsLib`), where it is this very version: used as it
 * is rather than loaded a second time from the minified bundle.
 */
function loadedByTheApplication(): PdfJs | null {
  const library = (globalThis as { pdfjsLib?: PdfJs }).pdfjsLib;
  if (typeof library?.getDocument !== 'function') return null;
  try {
    const ours = (createRequire(import.meta.url)('pdfjs-dist/package.json') as { version: string }).version;
    return library.version === ours ? library : null;
  } catch {
    return null;
  }
}

/**
 * Runs both bundles at once and gives the library, or null where it cannot
 * (then they are imported as modules). The same code as the modules, loaded
 * another way: the sandbox's child runs it as a script compiled from V8's
 * code cache (src/sandbox/scripts.ts), where compiling the modules cost more
 * than a one-page plan's parse.
 */
export type PdfJsScriptLoader = () => PdfJs | null;

let loadScript: PdfJsScriptLoader | null = null;
/** Makes `loader` the way pdf.js is loaded in this process, the modules only where it gives none; the sandbox's child calls it before any document. */
export function loadPdfJsWith(loader: PdfJsScriptLoader): void {
  loadScript = loader;
}

/**
 * Both bundles are loaded here (the worker's registers itself as
 * `globalThis.pdfjsWorker`, so pdf.js runs it in this thread without a second
 * import), then the engine's builtins are put back (./natives.ts).
 */
async function importPdfJs(): Promise<PdfJs> {
  try {
    return await withFetchDeferred(() =>
      withCanvasDeferred(async () => {
        const loaded = loadedByTheApplication();
        const scripted = loaded || 'pdfjsWorker' in globalThis ? null : loadScript?.();
        if (scripted) return scripted;
        const [library] = (await Promise.all([loaded ?? import(PDFJS_LIBRARY), 'pdfjsWorker' in globalThis ? null : import(PDFJS_WORKER)])) as [PdfJs, unknown];
        return library;
      }),
    );
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
