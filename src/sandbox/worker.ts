import { isKehoachError } from '../errors.js';
import { claimProcessGlobals, loadPdfJsWith, type PdfJsScriptLoader } from '../ingest/pdfjs.js';
import { parseInProcess } from '../pipeline.js';
import type { SandboxReply, SandboxRequest } from './messages.js';
import { reason, renderReason } from '../messages.js';
import { lazyModule } from '../lazy-module.js';

// The batch's serialisers, loaded by the first document that asks for stored outputs.
const batchExports = lazyModule(() => import('../batch/exports.js'));

/**
 * The sandbox's child process: parses the documents it is sent, one at a
 * time, and answers with the document or the error. It says when it starts
 * a document, so that the document's time and memory are measured from then,
 * not from the process's own start. It is killed from outside when a
 * document runs over its time or memory.
 */

/** What the process that runs this module (./launch.ts) gives it. */
export interface ChildHost {
  /** pdf.js as compiled scripts (see loadPdfJsWith). */
  loadPdfJs: PdfJsScriptLoader;
  /** Called once a document's answer is sent, with its format. */
  answered(format: string): void;
}

export function serveDocuments(host: ChildHost): void {
  claimProcessGlobals();
  loadPdfJsWith(host.loadPdfJs);
  process.on('message', (request: SandboxRequest) => {
    void (async () => {
      process.send!({ id: request.id, started: true } satisfies SandboxReply);
      let reply: SandboxReply;
      let format: string | null = null;
      try {
        const document = await parseInProcess(new Uint8Array(request.bytes), request.name, request.limits, request.sha256);
        format = document.source.format;
        if (request.stored) {
          const { encodeOutputs, serialise } = await batchExports();
          reply = { id: request.id, ok: true, stored: { pageCount: document.source.pageCount, ...encodeOutputs(serialise(document)) } };
        } else reply = { id: request.id, ok: true, document };
      } catch (error) {
        reply = isKehoachError(error)
          ? { id: request.id, ok: false, error: { code: error.code, message: error.message, reason: error.reason, file: error.file, details: error.details } }
          : { id: request.id, ok: false, error: { code: 'CORRUPT_INPUT', message: renderReason(reason('unreadable'), 'en'), reason: reason('unreadable'), file: request.name, details: { cause: (error as Error).message } } };
      }
      // Whatever comes after the answer waits until it has left: the parent is not kept waiting for it.
      process.send!(reply, undefined, {}, () => {
        if (format !== null) host.answered(format);
      });
    })();
  });
}
