import { createRequire } from 'node:module';

/**
 * Vietnamese text normalisation: NFC, modern tone-mark placement, look-alike
 * letters, invisible characters. Every function keeps an offset map so that a
 * position in the output can be traced to the input.
 */

type NormaliseNfc = (value: string) => string;

function pickNfc(): NormaliseNfc {
  if (typeof String.prototype.normalize === 'function' && 'Ớ'.normalize('NFD') !== 'Ớ') {
    return (value) => value.normalize('NFC');
  }
  // Runtimes built without ICU lack String.prototype.normalize.
  const require = createRequire(import.meta.url);
  const unorm = require('unorm') as { nfc: NormaliseNfc };
  return (value) => unorm.nfc(value);
}

export const toNfc: NormaliseNfc = pickNfc();

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const VOWELS = new Set([...'aăâeêioôơuưy']);
const MODIFIED_VOWELS = new Set([...'ăâêôơư']);
const ONSETS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'kh', 'ph', 'th', 'tr', 'gi', 'qu', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x'];
const FINALS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't', 'o', 'u', 'i', 'y']);

/** Splits a letter into its base (keeping hat, horn, breve) and its tone mark, if any. */
function splitTone(letter: string): { base: string; tone: string | null } {
  const decomposed = letter.normalize('NFD');
  let tone: string | null = null;
  let rest = '';
  for (const ch of decomposed) {
    if (TONE_MARKS.has(ch)) tone = ch;
    else rest += ch;
  }
  return { base: rest.normalize('NFC'), tone };
}

/**
 * Index (within the syllable) of the letter that should carry the tone, by the
 * modern rule of domain-notes §6, or -1 when the word is not a Vietnamese syllable.
 */
export function tonePosition(lowerBases: string[]): number {
  const word = lowerBases.join('');
  let onsetLength = 0;
  for (const onset of ONSETS) {
    if (!word.startsWith(onset)) continue;
    // "qu" and "gi" are onsets only when another vowel follows ("quý", "giữa" but "gì").
    if ((onset === 'qu' || onset === 'gi') && !VOWELS.has(word[onset.length] ?? '')) continue;
    onsetLength = onset.length;
    break;
  }
  let nucleusEnd = onsetLength;
  while (nucleusEnd < lowerBases.length && VOWELS.has(lowerBases[nucleusEnd]!)) nucleusEnd++;
  const nucleus = lowerBases.slice(onsetLength, nucleusEnd);
  const final = lowerBases.slice(nucleusEnd).join('');
  if (nucleus.length === 0 || nucleus.length > 3) return -1;
  if (final !== '' && !FINALS.has(final)) return -1;
  let modified = -1;
  nucleus.forEach((letter, i) => {
    if (MODIFIED_VOWELS.has(letter)) modified = i;
  });
  if (modified >= 0) return onsetLength + modified;
  if (nucleus.length === 1) return onsetLength;
  if (nucleus.length === 3) return onsetLength + 1;
  // Two plain vowels: the second before a final consonant ("hoàng"), else the first
  // (modern style "hòa", "thủy", and "của", "mùa").
  return onsetLength + (final !== '' ? 1 : 0);
}

/** Moves a misplaced tone mark to where the modern rule puts it; other words are returned unchanged. */
export function fixToneMark(word: string): string {
  const letters = [...word];
  if (letters.length > 7) return word;
  const parts = letters.map(splitTone);
  const toned = parts.filter((p) => p.tone !== null);
  if (toned.length !== 1) return word;
  const lowerBases = parts.map((p) => p.base.toLowerCase());
  if (lowerBases.some((b) => b.length !== 1 || !/\p{L}/u.test(b))) return word;
  const target = tonePosition(lowerBases);
  if (target < 0) return word;
  const current = parts.findIndex((p) => p.tone !== null);
  if (current === target) return word;
  const tone = toned[0]!.tone!;
  return parts.map((p, i) => (i === target ? (p.base + tone).normalize('NFC') : p.base)).join('');
}

const LOOKALIKE_LETTERS: Record<string, string> = { '\u00D0': 'Đ', '\u0189': 'Đ', '\u0256': 'đ', '\u00F0': 'đ' };
const SPACE_LIKE = /[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
// C0/C1 controls except line feed.
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

export interface NormalisedText {
  text: string;
  /** For each output code unit, the index of the input code unit it came from. */
  map: number[];
}

/**
 * Normalises one string and keeps the offset map. Line breaks are kept
 * ("\r\n" and "\r" become "\n"); other whitespace becomes a plain space.
 */
export function normaliseWithMap(input: string): NormalisedText {
  const map: number[] = [];
  return { text: normalise(input, map), map };
}

export function normaliseText(input: string): string {
  return normalise(input, null);
}

/** Fills `map` (when given) with, for each output code unit, the input index it came from. */
function normalise(input: string, map: number[] | null): string {
  let out = '';
  // Pass 1: characters, cluster by cluster (a base letter and its combining marks), to NFC.
  // Runs of characters NFC leaves alone are copied as slices.
  let runStart = 0;
  let i = 0;
  while (i < input.length) {
    if (map === null) {
      // Without a map, jump over the whole run; a letter before a combining mark belongs to the mark's cluster.
      NEEDS_PASS.lastIndex = i;
      let next = NEEDS_PASS.exec(input)?.index ?? input.length;
      if (next > i && next < input.length && isCombining(input.charCodeAt(next))) {
        next--;
        // An astral letter before the mark: its cluster starts at the high surrogate.
        if (next > i && isLowSurrogate(input.charCodeAt(next))) next--;
      }
      i = next;
      if (i >= input.length) break;
    } else if (isPlain(input.charCodeAt(i)) && !isCombining(input.charCodeAt(i + 1))) {
      map.push(i);
      i++;
      continue;
    }
    out += input.slice(runStart, i);
    const start = i;
    const cp = input.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    for (let next = input.codePointAt(i); next !== undefined && COMBINING.test(String.fromCodePoint(next)); next = input.codePointAt(i)) {
      i += next > 0xffff ? 2 : 1;
    }
    runStart = i;
    let cluster = input.slice(start, i);
    const head = cluster[0]!;
    if (head === '\r') {
      if (input[i] === '\n') continue;
      cluster = '\n';
    } else if (SPACE_LIKE.test(head)) cluster = ' ';
    else if (INVISIBLE.test(head) || CONTROL.test(head)) continue;
    else if (LOOKALIKE_LETTERS[head]) cluster = LOOKALIKE_LETTERS[head]! + cluster.slice(1);
    const nfc = cluster.charCodeAt(0) < 0x80 && cluster.length === 1 ? cluster : toNfc(cluster);
    if (map) for (let k = 0; k < nfc.length; k++) map.push(start);
    out += nfc;
  }
  out += input.slice(runStart);
  // Pass 2: tone placement, word by word; NFC syllables keep their length, so the map holds.
  return fixTones(out);
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

/** Code units in a word: the Latin and Vietnamese ranges by number, the rest of Unicode by property. */
function wordUnitsAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return 1;
  if (code < 0xc0) return code >= 0x80 && LETTER_OR_MARK.test(text[i]!) ? 1 : 0;
  if ((code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x300 && code <= 0x36f) || (code >= 0x1e00 && code <= 0x1eff)) return 1;
  const point = text.codePointAt(i)!;
  return LETTER_OR_MARK.test(String.fromCodePoint(point)) ? (point > 0xffff ? 2 : 1) : 0;
}

/**
 * What a code unit is to the tone pass: no part of a word, or a letter by
 * how it counts for tone placement. `UNSURE` letters (other scripts,
 * combining marks, toned letters that are no vowel) send their word through
 * the full check; `ASTRAL_LETTER` is such a letter of two code units.
 */
const NOT_VOWEL = 1;
const PLAIN_VOWEL = 2;
const TONED_VOWEL = 3;
const UNSURE = 4;
const NOT_IN_WORD = 5;
const ASTRAL_LETTER = 6;
/** ă â ê ô ơ ư, and the same with a tone: the modern rule puts the tone on the word's last of these. */
const MODIFIED_VOWEL = 7;
const TONED_MODIFIED_VOWEL = 8;

const isVowelClass = (cls: number): boolean => cls === PLAIN_VOWEL || cls === TONED_VOWEL || cls === MODIFIED_VOWEL || cls === TONED_MODIFIED_VOWEL;

// Code units up to U+1EFF (Latin, Vietnamese, and the scripts between), classed on first sight (0: not yet).
const unitClasses = new Uint8Array(0x1f00);

/** The class of the unit at `i`: one table read for Latin and Vietnamese text. */
function unitClassAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < unitClasses.length) {
    const known = unitClasses[code]!;
    return known !== 0 ? known : (unitClasses[code] = classifyUnit(code));
  }
  const units = wordUnitsAt(text, i);
  return units === 0 ? NOT_IN_WORD : units === 2 ? ASTRAL_LETTER : UNSURE;
}

function classifyUnit(code: number): number {
  const letter = String.fromCharCode(code);
  if (wordUnitsAt(letter, 0) === 0) return NOT_IN_WORD;
  if (code < 0x80) return VOWELS.has(letter.toLowerCase()) ? PLAIN_VOWEL : NOT_VOWEL;
  // Precomposed Latin letters only: a combining mark or another script is left to the full check.
  if (!((code >= 0xc0 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff))) return UNSURE;
  const [base = '', ...marks] = letter.normalize('NFD');
  const tones = marks.filter((mark) => TONE_MARKS.has(mark)).length;
  const untoned = (base + marks.filter((mark) => !TONE_MARKS.has(mark)).join('')).normalize('NFC').toLowerCase();
  const vowel = VOWELS.has(untoned);
  const modified = MODIFIED_VOWELS.has(untoned);
  if (tones === 0) return modified ? MODIFIED_VOWEL : vowel ? PLAIN_VOWEL : NOT_VOWEL;
  if (tones !== 1 || !vowel) return UNSURE;
  return modified ? TONED_MODIFIED_VOWEL : TONED_VOWEL;
}

/**
 * Each run of letters and marks through the tone fixer; the text is rebuilt
 * only where a word changed. A tone can be misplaced only on a vowel next to
 * another vowel (a one-vowel nucleus carries it where it is), and never on
 * one of ă â ê ô ơ ư that no other of these follows in its word: the rule
 * puts it there ("người", "hiện", but "ửơi" is read). Words with neither are
 * passed over unread.
 */
function fixTones(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    let cls = unitClassAt(text, i);
    if (cls === NOT_IN_WORD) {
      i++;
      continue;
    }
    const start = i;
    let mayBeMisplaced = false;
    let previous = NOT_VOWEL;
    let tonedModifiedSeen = false;
    do {
      if (
        cls === UNSURE ||
        cls === ASTRAL_LETTER ||
        (cls === TONED_VOWEL && (isVowelClass(previous) || tonedModifiedSeen)) ||
        ((cls === PLAIN_VOWEL || cls === MODIFIED_VOWEL || cls === TONED_MODIFIED_VOWEL) && previous === TONED_VOWEL) ||
        ((cls === MODIFIED_VOWEL || cls === TONED_MODIFIED_VOWEL) && tonedModifiedSeen)
      )
        mayBeMisplaced = true;
      if (cls === TONED_MODIFIED_VOWEL) tonedModifiedSeen = true;
      previous = cls;
      i += cls === ASTRAL_LETTER ? 2 : 1;
    } while (i < text.length && (cls = unitClassAt(text, i)) !== NOT_IN_WORD);
    if (!mayBeMisplaced) continue;
    const word = text.slice(start, i);
    const fixed = fixWordCached(word);
    if (fixed !== word) {
      out += text.slice(copied, start) + fixed;
      copied = i;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const COMBINING = /\p{M}/u;

/** Characters pass 1 must rewrite: no-break and other spaces, soft hyphen, look-alike Đ/đ, C1 controls. */
function isSpecial(code: number): boolean {
  return (code >= 0x80 && code <= 0xa0) || code === 0xad || code === 0xd0 || code === 0xf0 || code === 0x189 || code === 0x256;
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Latin letters (Vietnamese precomposed ones included) and printable ASCII, which NFC leaves alone unless a mark follows. */
function isPlain(code: number): boolean {
  return code >= 0x20 && code !== 0x7f && (code < 0x300 || (code >= 0x1ea0 && code <= 0x1ef9)) && !isSpecial(code);
}

/** The first character that is not `isPlain`: the same ranges, as one search. */
const NEEDS_PASS = /[^\x20-\x7e\xa1-\xac\xae-\xcf\xd1-\xef\xf1-\u0188\u018a-\u0255\u0257-\u02ff\u1ea0-\u1ef9]/g;

function isCombining(code: number): boolean {
  // Nothing below U+0300 combines; above it, ask Unicode (Arabic, Devanagari … have marks too).
  return code >= 0x300 && (code <= 0x36f || COMBINING.test(String.fromCharCode(code)));
}

// Plans repeat a few thousand words; caching the tone fix per word saves most of the work.
const toneCache = new Map<string, string>();

function fixWordCached(word: string): string {
  let fixed = toneCache.get(word);
  if (fixed === undefined) {
    const candidate = fixToneMark(word);
    fixed = candidate.length === word.length ? candidate : word;
    if (toneCache.size > 50_000) toneCache.clear();
    toneCache.set(word, fixed);
  }
  return fixed;
}

/** Lower-cases and strips tone marks and diacritics: a key for loose comparison. */
export function foldVietnamese(value: string): string {
  return toNfc(value)
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Set in capitals: a capital letter and no small one ("ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"). */
export function isUpperCaseLine(text: string): boolean {
  return /\p{Lu}/u.test(text) && text === text.toUpperCase();
}
