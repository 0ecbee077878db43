/** Small numeric helpers for page geometry, shared by the PDF ingester and the PDF layout reader. */

/** To the nearest half point: positions that differ by rendering noise compare equal. */
export const roundToHalf = (v: number): number => Math.round(v * 2) / 2;

/** Equal as a Map's keys are (SameValueZero): NaN equals NaN, -0 equals 0. */
const sameValueZero = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

/** The first index of sorted `values` (NaN last, as a typed array sorts) past those below `value`, or past those up to it. */
function boundOf(sorted: Float64Array, value: number, past: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (past ? sorted[middle]! <= value : sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}


/**
 * The most frequent value (the first met on a tie); 0 for none. Counted on a
 * sorted copy, one typed array: a Map of counts boxed every fractional value
 * and made an entry array for each value read back: half a megabyte a pass over
 * the corpus PDFs, by heap sampling.
 */
export function mode(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  let bestCount = 0;
  for (let runStart = 0, i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sameValueZero(sorted[i]!, sorted[runStart]!)) continue;
    bestCount = Math.max(bestCount, i - runStart);
    runStart = i;
  }
  // NaN sorts last: its count is the tail's length, found once.
  let nanCount = 0;
  while (nanCount < sorted.length && Number.isNaN(sorted[sorted.length - 1 - nanCount])) nanCount++;
  // The first value, in the given order, present that many times; a Map would have handed back 0 for -0.
  for (const value of values) {
    const count = value !== value ? nanCount : boundOf(sorted, value, true) - boundOf(sorted, value, false);
    if (count === bestCount) return value === 0 ? 0 : value;
  }
  return values[0]!;
}
