import { createHash } from 'node:crypto';

/** The SHA-256 of a file's bytes, in hex: `source.sha256`, batch part keys and shards all use it. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
