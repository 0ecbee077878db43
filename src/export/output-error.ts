import { outputError } from '../batch/fs-errors.js';
import { KehoachError, isKehoachError } from '../errors.js';
import { reason } from '../messages.js';

/**
 * A failure to write an export file, as the typed error the CLI reports: the
 * batch's mapping of file-system errors (NO_SPACE for a full disk or quota,
 * else OUTPUT_NOT_WRITABLE), naming the file.
 */
export function exportWriteError(error: unknown, file: string): KehoachError {
  if (isKehoachError(error)) return error.withFile(file);
  const typed = outputError(error, file);
  if (isKehoachError(typed)) return typed;
  // Not a file-system error (the writing library's own failure): the file could not be written all the same.
  return new KehoachError('OUTPUT_NOT_WRITABLE', reason('outputNotWritable', { errno: 'EIO' }), { file, cause: error, details: { cause: error instanceof Error ? error.message : String(error) } });
}
