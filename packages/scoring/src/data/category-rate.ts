/**
 * How categories are ordered: by their positive rate, smoothed towards the overall rate so a rare
 * category does not jump to an end on a handful of rows. The table encoding orders its codes so,
 * and cross-validation orders each fold's codes again the same way from that fold's own rows.
 */

/** Prior weight (in rows) that pulls a rare category's rate towards the overall rate. */
export const SMOOTHING_ROWS = 20;

export function smoothedPositiveRate(count: number, positives: number, overallRate: number): number {
  return (positives + SMOOTHING_ROWS * overallRate) / (count + SMOOTHING_ROWS);
}
