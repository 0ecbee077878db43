import { KehoachError, isKehoachError } from '../errors.js';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
};

/** A failure to write an export file, as the typed error the CLI reports: NO_SPACE for a full disk, else OUTPUT_NOT_WRITABLE. */
export function exportWriteError(error: unknown, file: string): KehoachError {
  if (isKehoachError(error)) return error.withFile(file);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'ENOSPC') return new KehoachError('NO_SPACE', 'the disk is full', { file, cause: error });
  const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error));
  return new KehoachError('OUTPUT_NOT_WRITABLE', `cannot write the file: ${reason}${code && REASONS[code] ? ` (${code})` : ''}`, { file, cause: error });
}
