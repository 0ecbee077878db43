import { createRequire } from 'node:module';

type IconvLite = typeof import('iconv-lite');
let iconv: IconvLite | null = null;

/**
 * iconv-lite's decoder, loaded at the first text in an encoding other than
 * UTF-8 (UTF-16, Latin-1, Windows-1258, TCVN3), not with the stages: almost
 * no document needs it, and loading it cost every cold parse some 3 ms.
 */
export function decodeBytes(bytes: Buffer, encoding: string): string {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as IconvLite;
  return iconv.decode(bytes, encoding);
}
