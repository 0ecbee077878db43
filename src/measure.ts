/** Small numeric helpers for page geometry, shared by the PDF ingester and the PDF layout reader. */

/** To the nearest half point: positions that differ by rendering noise compare equal. */
export const roundToHalf = (v: number): number => Math.round(v * 2) / 2;

/** The most frequent value (the first met on a tie); 0 for none. */
export function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}
