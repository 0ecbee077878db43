import { KehoachError, isKehoachError } from '../errors.js';
import { reason } from '../messages.js';

/** A failure to write an export file, as the typed error the CLI reports: NO_SPACE for a full disk, else OUTPUT_NOT_WRITABLE. */
export function exportWriteError(error: unknown, file: string): KehoachError {
  if (isKehoachError(error)) return error.withFile(file);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'ENOSPC' || code === 'EDQUOT') return new KehoachError('NO_SPACE', reason('noSpace', { errno: code }), { file, cause: error });
  return new KehoachError('OUTPUT_NOT_WRITABLE', reason('outputNotWritable', { errno: code || 'EIO' }), { file, cause: error, details: { cause: error instanceof Error ? error.message : String(error) } });
}
