/**
 * How categories are ordered: by their positive rate, smoothed towards the overall rate so a rare
 * category does not jump to an end on a handful of rows. The table encoding orders its codes so,
 * and cross-validation orders each fold's codes again the same way from that fold's own rows.
 */

/** Prior weight (in rows) that pulls a rare category's rate towards the overall rate. */
const SMOOTHING_ROWS = 20;

/**
 * The categories of `rows` rows (`categoryOf` gives null for a missing one), ordered by smoothed
 * positive rate, lowest first; equal rates by `tieBreak`.
 */
export function orderByPositiveRate<Category>(
  rows: number,
  categoryOf: (row: number) => Category | null,
  labelOf: (row: number) => number,
  tieBreak: (a: Category, b: Category) => number,
): Category[] {
  const stats = new Map<Category, { count: number; positives: number }>();
  let positives = 0;
  for (let row = 0; row < rows; row++) {
    const label = labelOf(row);
    positives += label;
    const category = categoryOf(row);
    if (category === null) continue;
    const entry = stats.get(category) ?? { count: 0, positives: 0 };
    entry.count++;
    entry.positives += label;
    stats.set(category, entry);
  }
  const overallRate = positives / rows;
  const rate = (category: Category) => {
    const { count, positives: hits } = stats.get(category)!;
    return (hits + SMOOTHING_ROWS * overallRate) / (count + SMOOTHING_ROWS);
  };
  return [...stats.keys()].sort((a, b) => rate(a) - rate(b) || tieBreak(a, b));
}
