// pdfjs-dist ships no declarations for its worker bundle; it is imported only for its side effect (globalThis.pdfjsWorker).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
