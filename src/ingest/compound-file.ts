import { KehoachError } from '../errors.js';
import { reason } from '../messages.js';

/**
 * Checks a compound file (the container of Word 97–2003 documents) before a
 * reader walks it. The reader trusts the header's counts and follows sector
 * chains without bounds, so a few hostile bytes can make it allocate
 * gigabytes or loop for ever. Here every count must fit the file, and no
 * chain of the allocation table or the mini allocation table may loop.
 */

const FREE_OR_END = 0xfffffffa; // values from here up are markers (end of chain, free, FAT or DIFAT sector), not links

/** The container's own damage, in its own terms, goes to the details: the reason says the .doc is damaged. */
function corrupt(damage: string): never {
  throw new KehoachError('CORRUPT_INPUT', reason('docContainerDamaged'), { details: { cause: damage } });
}

/** Does following `next` from any entry ever come back to an entry already on the path? */
function hasLoop(next: Uint32Array | number[], count: number): boolean {
  // 0 unvisited, 1 on the current path, 2 known to end.
  const state = new Uint8Array(count);
  for (let start = 0; start < count; start++) {
    if (state[start] !== 0) continue;
    const path: number[] = [];
    let at = start;
    while (at < count && state[at] === 0) {
      state[at] = 1;
      path.push(at);
      const link = next[at]!;
      at = link >= FREE_OR_END ? count : link;
    }
    if (at < count && state[at] === 1) return true;
    for (const visited of path) state[visited] = 2;
  }
  return false;
}

/** Reads the chain starting at `first`, refusing a loop or a link outside the table. */
function chain(fat: Uint32Array, first: number, limit: number): number[] {
  const out: number[] = [];
  for (let at = first; at < FREE_OR_END; at = fat[at]!) {
    if (at >= fat.length || out.length > limit) corrupt('a sector chain leaves the file or loops');
    out.push(at);
  }
  return out;
}

/** What the check learns on the way: whether the Word document says it is password-protected. */
export interface CompoundFileFacts {
  wordEncrypted: boolean;
}

export function checkCompoundFile(bytes: Uint8Array): CompoundFileFacts {
  if (bytes.byteLength < 512) corrupt('shorter than its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) corrupt(`sector size 2^${shift}`);
  const sectorSize = 1 << shift;
  const sectors = Math.max(0, Math.ceil((bytes.byteLength - sectorSize) / sectorSize));
  const fatSectors = view.getUint32(0x2c, true);
  const difatSectors = view.getUint32(0x48, true);
  const miniFatSectors = view.getUint32(0x40, true);
  if (fatSectors > sectors || difatSectors > sectors || miniFatSectors > sectors) corrupt('its tables claim more sectors than the file holds');
  const sectorOffset = (sector: number): number => (sector + 1) * sectorSize;
  const readSector = (sector: number): DataView => {
    if (sector >= sectors || sectorOffset(sector) + sectorSize > bytes.byteLength) corrupt('a sector lies outside the file');
    return new DataView(bytes.buffer, bytes.byteOffset + sectorOffset(sector), sectorSize);
  };

  // The allocation table's own sectors: 109 listed in the header, the rest in the DIFAT chain.
  const fatList: number[] = [];
  for (let i = 0; i < 109 && fatList.length < fatSectors; i++) fatList.push(view.getUint32(0x4c + i * 4, true));
  const perSector = sectorSize / 4;
  const seenDifat = new Set<number>();
  for (let difat = view.getUint32(0x44, true); fatList.length < fatSectors && difat < FREE_OR_END; ) {
    if (seenDifat.has(difat)) corrupt('the DIFAT chain loops');
    seenDifat.add(difat);
    const sector = readSector(difat);
    for (let i = 0; i < perSector - 1 && fatList.length < fatSectors; i++) fatList.push(sector.getUint32(i * 4, true));
    difat = sector.getUint32((perSector - 1) * 4, true);
  }
  const fat = new Uint32Array(fatList.length * perSector);
  fatList.forEach((fatSector, i) => {
    const sector = readSector(fatSector);
    for (let j = 0; j < perSector; j++) fat[i * perSector + j] = sector.getUint32(j * 4, true);
  });
  if (hasLoop(fat, Math.min(fat.length, sectors))) corrupt('a sector chain loops');

  // The mini allocation table, itself stored in a chain of the allocation table.
  const miniFatStart = view.getUint32(0x3c, true);
  if (miniFatStart < FREE_OR_END) {
    const miniSectors = chain(fat, miniFatStart, sectors);
    const miniFat: number[] = [];
    for (const sector of miniSectors) {
      const data = readSector(sector);
      for (let j = 0; j < perSector; j++) miniFat.push(data.getUint32(j * 4, true));
    }
    if (hasLoop(miniFat, miniFat.length)) corrupt('a mini sector chain loops');
  }
  const directory = chain(fat, view.getUint32(0x30, true), sectors);
  return { wordEncrypted: wordDocumentEncrypted(directory, readSector, sectors) };
}

/**
 * The Word stream's file information block opens its first sector (the
 * stream is far larger than the mini-stream cut-off); bit 0x0100 of the
 * flags at 0x0A is fEncrypted.
 */
function wordDocumentEncrypted(directory: number[], readSector: (sector: number) => DataView, sectors: number): boolean {
  for (const sector of directory) {
    const entries = readSector(sector);
    for (let at = 0; at + 128 <= entries.byteLength; at += 128) {
      const nameLength = entries.getUint16(at + 0x40, true);
      if (nameLength !== WORD_STREAM.length + 2) continue;
      const name = Buffer.from(entries.buffer, entries.byteOffset + at, WORD_STREAM.length);
      if (!name.equals(WORD_STREAM)) continue;
      const start = entries.getUint32(at + 0x74, true);
      if (start >= sectors) return false;
      const fib = readSector(start);
      return fib.getUint16(0, true) === 0xa5ec && (fib.getUint16(0x0a, true) & 0x0100) !== 0;
    }
  }
  return false;
}

/** The name of the stream every Word 97–2003 document holds, as the container stores it (UTF-16). */
export const WORD_STREAM = Buffer.from('WordDocument', 'utf16le');
