import { createRequire } from 'node:module';
import { foldVietnamese } from '../text/vietnamese.js';
import { withPlanLetters } from '../text/letters.js';

/** The gazetteer (data/agencies.json) and agency-name helpers: recognising, expanding, keying. */
interface Gazetteer {
  heads: string[];
  genericHeads: string[];
  collectiveHeads: string[];
  abbreviations: Record<string, string>;
  canonical: string[];
}

const require = createRequire(import.meta.url);
const gazetteer = require('../../data/agencies.json') as Gazetteer;

interface Similarity {
  test(a: string, b: string): { match: number };
}
// The string metrics (cmpstr, no dependencies) load on the first fuzzy match, not with the module: --help and
// documents whose agencies all match exactly never pay for them.
let metrics: { jaroWinkler: Similarity; dice: Similarity } | null = null;
function similarity(a: string, b: string): number {
  if (!metrics) {
    const { CmpStr } = require('cmpstr') as { CmpStr: { create(): { setMetric(name: string): Similarity } } };
    metrics = { jaroWinkler: CmpStr.create().setMetric('jaroWinkler'), dice: CmpStr.create().setMetric('dice') };
  }
  return (metrics.jaroWinkler.test(a, b).match + metrics.dice.test(a, b).match) / 2;
}

const escape = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string): number => b.length - a.length;

const alternation = (list: string[]): string => [...list].sort(byLength).map(escape).join('|');
const END = String.raw`(?=[\s,.:;)]|$)`;
// Generic heads ("Sở", "Phòng", "Ban", "Hội") name a body only before a capitalised word: "Phòng Tư pháp", not "Phòng ngừa".
const AGENCY_NAME = `(?:${alternation(gazetteer.heads)})${END}|(?:${alternation(gazetteer.genericHeads)})\\s+(?=[\\p{Lu}\\d])`;
const COLLECTIVE = `(?:${alternation(gazetteer.collectiveHeads)})${END}`;

/** Opens an agency name: "Sở Y tế", "Công an thành phố", "UBND các xã", or a collective ("các sở, ban, ngành"). */
const AGENCY_START = new RegExp(`^(?:${AGENCY_NAME}|${COLLECTIVE})`, 'u');
const COLLECTIVE_START = new RegExp(`^(?:${COLLECTIVE})`, 'iu');

const GENERIC_HEAD_AT_END = new RegExp(`(?:^|\\s)(?:${alternation(gazetteer.genericHeads)})$`, 'u');

/** A name that ends with its place: "… tỉnh", "… xã Tân Đông", "… Thành phố Hồ Chí Minh". */
export const LOCALITY_AT_END = withPlanLetters(/(?:^|\s)(?:tỉnh|huyện|xã|quận|phường|thị xã|thị trấn|thành phố|Thành phố|đặc khu)(?:\s+\p{Lu}[\p{L}]*)*\s*$/u);

/** Does the text end with a bare generic head ("… Văn phòng"), which the next words complete? */
export function endsWithGenericHead(text: string): boolean {
  return GENERIC_HEAD_AT_END.test(text.trimEnd());
}

/** Does the text open with an agency ("Đề nghị" aside)? */
export function startsWithAgency(text: string): boolean {
  const trimmed = text.trim().replace(/^Đề nghị\s+/u, '');
  return AGENCY_START.test(trimmed) || COLLECTIVE_START.test(trimmed);
}

/** Expands abbreviations word by word: "UBND TP" → "Ủy ban nhân dân Thành phố". */
export function expandAbbreviations(name: string): string {
  return name.replace(/[\p{L}]+/gu, (word) => gazetteer.abbreviations[word] ?? word);
}

function slug(value: string): string {
  return foldVietnamese(value)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Loose form for comparison: abbreviations out, "-" and "," as "và", case and tone folded. */
export function comparableAgency(name: string): string {
  return slug(
    expandAbbreviations(name)
      .replace(/\s*[-–]\s*/g, ' và ')
      .replace(/\s*,\s*/g, ' và '),
  )
    .replace(/(^|-)va(-va)+(?=-|$)/g, '$1va')
    .replace(/-+/g, '-');
}

const canonicalKeys = gazetteer.canonical.map((name) => ({ name, key: comparableAgency(name) }));

// Memoised: a plan names the same few dozen bodies hundreds of times, and the fuzzy match scans the whole gazetteer.
const keyCache = new Map<string, string>();

/**
 * A stable key for an agency: abbreviations expanded, punctuation and tones
 * folded, and snapped to a gazetteer name when the string distance says they
 * are the same body written differently ("Sở Khoa học - Công nghệ").
 */
export function agencyKey(name: string): string {
  const cached = keyCache.get(name);
  if (cached !== undefined) return cached;
  const key = fuzzyAgencyKey(name);
  if (keyCache.size > 20_000) keyCache.clear();
  keyCache.set(name, key);
  return key;
}

function fuzzyAgencyKey(name: string): string {
  const key = comparableAgency(name);
  let best: { key: string; score: number } | null = null;
  for (const candidate of canonicalKeys) {
    if (Math.abs(candidate.key.length - key.length) > 6) continue;
    const score = similarity(key, candidate.key);
    if (!best || score > best.score) best = { key: candidate.key, score };
  }
  return best && best.score >= 0.93 ? best.key : key;
}
