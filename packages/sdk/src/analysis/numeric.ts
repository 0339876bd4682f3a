/**
 * `numerator / denominator`, or `null` when the ratio has no meaning: a zero or negative
 * denominator (cash-on-cash with no cash invested, a cap rate on a free property) or a result too
 * large for a double. Analysis outputs never carry `NaN` or `Infinity`.
 */
export function ratio(numerator: number, denominator: number): number | null {
  if (!(denominator > 0)) return null;
  const value = numerator / denominator;
  return Number.isFinite(value) ? value : null;
}

/** The value itself when it is a finite number, otherwise `null`. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The sum of a list of numbers. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export function assertFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

export function assertWholeMonths(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number of months >= ${min}, got ${value}`);
  }
}
