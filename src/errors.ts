import { reason, renderReason, type Language, type Reason } from './messages.js';

/** Stable error codes: the library, the CLI exit codes and batch `errors.jsonl` all use these. */
export const ERROR_CODES = {
  FILE_NOT_FOUND: 2,
  EMPTY_INPUT: 3,
  UNSUPPORTED_FORMAT: 4,
  CORRUPT_INPUT: 5,
  ENCRYPTED: 6,
  NO_TEXT_LAYER: 7,
  NOT_A_PLAN: 8,
  LIMIT_EXCEEDED: 9,
  TIMEOUT: 10,
  INVALID_OUTPUT: 11,
  /** The output folder or file cannot be written: not a folder, read-only, no permission. */
  OUTPUT_NOT_WRITABLE: 12,
  /** The disk is full. */
  NO_SPACE: 13,
  /** Another batch holds the output folder. */
  OUTPUT_LOCKED: 14,
  /** An entry of the input tree that cannot be read: no permission, a FIFO, a device, a dangling link. */
  UNREADABLE_INPUT: 15,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class KehoachError extends Error {
  readonly code: ErrorCode;
  /** The file the error is about, when there is one. */
  readonly file: string | null;
  readonly details: Record<string, unknown>;
  /** What went wrong, in words any language can render (`message` is the English one); null for a message given as text. */
  readonly reason: Reason | null;

  constructor(code: ErrorCode, why: string | Reason, options: { file?: string | null; details?: Record<string, unknown>; cause?: unknown } = {}) {
    const file = options.file ?? null;
    const reason = typeof why === 'string' ? null : why;
    const text = reason ? renderReason(reason, 'en') : (why as string);
    super(file ? `${file}: ${text}` : text, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KehoachError';
    this.code = code;
    this.file = file;
    this.details = options.details ?? {};
    this.reason = reason;
  }

  /** The message in `language`, naming the file as `message` does. */
  messageIn(language: Language): string {
    if (!this.reason || language === 'en') return this.message;
    const text = renderReason(this.reason, language);
    return this.file ? `${this.file}: ${text}` : text;
  }

  /** Process exit code the CLI uses for this error. */
  get exitCode(): number {
    return ERROR_CODES[this.code];
  }

  toJSON(): { code: ErrorCode; message: string; file: string | null; details: Record<string, unknown>; reason: Reason | null } {
    return { code: this.code, message: this.message, file: this.file, details: this.details, reason: this.reason };
  }

  /** The same error, now naming `file` (errors raised deep in a stage do not know it). */
  withFile(file: string): KehoachError {
    if (this.file) return this;
    return new KehoachError(this.code, this.reason ?? this.message, { file, details: this.details, cause: this.cause });
  }
}

/**
 * The options of an error a library's failure caused: the failure kept as
 * `cause`, its own words in `details.cause`. They never go into the reason,
 * which is ours and in the user's language.
 */
export function libraryCause(error: unknown): { cause: unknown; details: { cause: string } } {
  return { cause: error, details: { cause: (error as Error).message } };
}

export function isKehoachError(value: unknown): value is KehoachError {
  return value instanceof KehoachError;
}

/**
 * A failure to find or read an input file (stat, open, read), as every
 * command reports it: a path that leads nowhere is FILE_NOT_FOUND, a refusal
 * is UNREADABLE_INPUT "permission denied", anything else UNREADABLE_INPUT
 * with its errno.
 */
export function fileReadError(error: unknown): KehoachError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new KehoachError('FILE_NOT_FOUND', reason('noSuchFile'), { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new KehoachError('UNREADABLE_INPUT', reason('permissionDenied', { errno: code }), { cause: error });
  return new KehoachError('UNREADABLE_INPUT', reason('cannotRead', { errno: code ?? 'EIO' }), { cause: error });
}
