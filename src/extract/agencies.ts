import { createRequire } from 'node:module';
import { foldVietnamese } from '../normalise/vietnamese.js';

/** The gazetteer (data/agencies.json) and agency-name helpers: recognising, expanding, keying. */
interface Gazetteer {
  heads: string[];
  collectiveHeads: string[];
  abbreviations: Record<string, string>;
  canonical: string[];
}

const require = createRequire(import.meta.url);
const gazetteer = require('../../data/agencies.json') as Gazetteer;
// Only the distance functions: the package root is slow to load and prints to stdout.
const distance = require('natural/lib/natural/distance') as {
  JaroWinklerDistance: (a: string, b: string, options?: { ignoreCase?: boolean }) => number;
  DiceCoefficient: (a: string, b: string) => number;
};

const escape = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string): number => b.length - a.length;

const headAlternation = [...gazetteer.heads].sort(byLength).map(escape).join('|');
const collectiveAlternation = [...gazetteer.collectiveHeads].sort(byLength).map(escape).join('|');

/** Opens an agency name: "Sở Y tế", "Công an thành phố", "UBND các xã", "các sở, ban, ngành". */
export const AGENCY_START = new RegExp(`^(?:${headAlternation})(?=[\\s,.:;)]|$)|^(?:${collectiveAlternation})(?=[\\s,.:;)]|$)`, 'iu');
const AGENCY_START_CASED = new RegExp(`^(?:${headAlternation})(?=[\\s,.:;)]|$)`, 'u');

export function startsWithAgency(text: string): boolean {
  const trimmed = text.trim().replace(/^Đề nghị\s+/u, '');
  return AGENCY_START_CASED.test(trimmed) || new RegExp(`^(?:${collectiveAlternation})(?=[\\s,.:;)]|$)`, 'iu').test(trimmed);
}

export function looksLikeAgency(text: string): boolean {
  return AGENCY_START.test(text.trim());
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

/**
 * A stable key for an agency: abbreviations expanded, punctuation and tones
 * folded, and snapped to a gazetteer name when the string distance says they
 * are the same body written differently ("Sở Khoa học - Công nghệ").
 */
export function agencyKey(name: string): string {
  const key = comparableAgency(name);
  let best: { key: string; score: number } | null = null;
  for (const candidate of canonicalKeys) {
    if (Math.abs(candidate.key.length - key.length) > 6) continue;
    const score = (distance.JaroWinklerDistance(key, candidate.key) + distance.DiceCoefficient(key, candidate.key)) / 2;
    if (!best || score > best.score) best = { key: candidate.key, score };
  }
  return best && best.score >= 0.93 ? best.key : key;
}
