import { KehoachError, isKehoachError } from '../errors.js';
import { reason } from '../messages.js';

/**
 * The one place where file-system errors (errno codes) become the batch's
 * typed errors. Input side: an entry of the input tree that cannot be read is
 * that entry's UNREADABLE_INPUT, and the batch goes on. Output side: a
 * failure to write `--out` stops the batch with OUTPUT_NOT_WRITABLE or
 * NO_SPACE; the parts already stored stay, so a re-run resumes.
 */

/** The errno code of a Node.js system error (or of a plain `{ code }` object sent back by a worker), if any. */
export function errnoOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : typeof error === 'object' && error && 'message' in error ? String(error.message) : String(error));

const INPUT_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'it disappeared while the batch ran',
  ENOTDIR: 'a part of its path is no longer a folder',
  ELOOP: 'it is a symbolic link (links are not followed)',
  EISDIR: 'it is a folder',
  EIO: 'input/output error (a damaged disk or a lost network share)',
  ENAMETOOLONG: 'its path is too long',
  ENXIO: 'it is a socket or a device with nothing behind it',
  ETIMEDOUT: 'the storage did not answer in time',
  ESTALE: 'a stale network file handle',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
};

/** Why an input entry cannot be read, in words (with the errno code), for the manifest's `reason`. */
export function inputReason(error: unknown): string {
  if (isKehoachError(error)) return error.file && error.message.startsWith(`${error.file}: `) ? error.message.slice(error.file.length + 2) : error.message;
  const code = errnoOf(error);
  return code ? `${INPUT_REASONS[code] ?? 'it cannot be read'} (${code})` : `it cannot be read: ${messageOf(error)}`;
}

/** An input entry that cannot be read, as UNREADABLE_INPUT (a KehoachError passes through). */
export function inputError(error: unknown, name: string): KehoachError {
  if (isKehoachError(error)) return error.withFile(name);
  return new KehoachError('UNREADABLE_INPUT', inputReason(error), { file: name, details: { errno: errnoOf(error) }, cause: error });
}

/**
 * An output-side failure as a typed error: ENOSPC and EDQUOT are NO_SPACE,
 * every other errno is OUTPUT_NOT_WRITABLE. Errors that are not file-system
 * errors (bugs) are returned unchanged.
 */
export function outputError(error: unknown, path: string): unknown {
  if (isKehoachError(error)) return error;
  const code = errnoOf(error);
  if (!code) return error;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new KehoachError('NO_SPACE', reason('noSpace', { errno: code }), {
      file: path,
      details: { errno: code },
      cause: error,
    });
  }
  return new KehoachError('OUTPUT_NOT_WRITABLE', reason('outputNotWritable', { errno: code }), { file: path, details: { errno: code, cause: messageOf(error) }, cause: error });
}
