import { parentPort } from 'node:worker_threads';
import { isKehoachError } from '../errors.js';
import { parseInProcess } from '../pipeline.js';
import type { SandboxReply, SandboxRequest } from './messages.js';

/**
 * The sandbox's worker thread: parses the documents it is sent, one at a
 * time, and answers with the document or the error. It is ended from outside
 * when a document runs over its time or memory.
 */

parentPort!.on('message', (request: SandboxRequest) => {
  void (async () => {
    let reply: SandboxReply;
    try {
      const document = await parseInProcess(request.bytes, request.name, request.limits);
      reply = { id: request.id, ok: true, document };
    } catch (error) {
      reply = isKehoachError(error)
        ? { id: request.id, ok: false, error: { code: error.code, message: error.message, file: error.file, details: error.details } }
        : { id: request.id, ok: false, error: { code: 'CORRUPT_INPUT', message: `could not be read: ${(error as Error).message}`, file: request.name, details: {} } };
    }
    parentPort!.postMessage(reply);
  })();
});
