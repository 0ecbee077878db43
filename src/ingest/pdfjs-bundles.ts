/**
 * The pdf.js bundles kehoach loads: the legacy build's minified ones, the
 * same code as pdf.mjs and pdf.worker.mjs with about a third less to compile
 * on every start. Apart from ./pdfjs.ts, which has effects as it loads, so
 * that the sandbox's launcher and its build can name them too.
 */
export const PDFJS_LIBRARY = 'pdfjs-dist/legacy/build/pdf.min.mjs';
export const PDFJS_WORKER = 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';
