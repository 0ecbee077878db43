import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
let crypto: Crypto | null = null;

/**
 * The SHA-256 of a file's bytes, in hex: `source.sha256`, batch part keys and
 * shards all use it. A string is hashed as its UTF-8 bytes (a lone surrogate
 * as U+FFFD, as TextEncoder writes it), encoded by the hash itself, without a
 * copy of them. node:crypto is loaded at the first hash, not with this
 * module: the sandbox's child is handed its documents' hashes and never loads
 * it, some 5 ms of every cold parse.
 */
export function sha256(input: Uint8Array | string): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto;
  return crypto.createHash('sha256').update(input).digest('hex');
}

/**
 * The same hash, computed on the thread pool (Web Crypto's digest): a large
 * file does not hold up this thread. Where Web Crypto is turned off or
 * refuses the bytes (shared memory), on this thread.
 */
export async function sha256OffThread(bytes: Uint8Array): Promise<string> {
  try {
    return Buffer.from(await globalThis.crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  } catch {
    return sha256(bytes);
  }
}
