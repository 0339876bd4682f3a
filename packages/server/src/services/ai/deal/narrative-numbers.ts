/**
 * The check behind Dave's narratives: every number written in the prose must be a figure of the
 * analysis (or of the input it ran on), as written: money rounded to the digits shown, rates as
 * percentages, `k` and `million` scaled. Signs are not compared ("a loss of $5,000" cites -5000).
 */

/** A number as it appears in prose. */
export interface WrittenNumber {
  text: string;
  value: number;
  decimals: number;
  unit: 'percent' | 'thousand' | 'million' | 'plain';
}

// "$1,234.56", "8.5%", "8.5 percent", "$250k", "$1.2 million", "1.25x", "5".
const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;
const UNIT_AFTER = /^\s?(%|percent\b|per cent\b|k\b|K\b|thousand\b|million\b|M\b|m\b)/;

export function writtenNumbers(text: string): WrittenNumber[] {
  const found: WrittenNumber[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const raw = match[0];
    const start = match.index;
    // Digits glued to letters (a model name, "H2O") are not figures.
    if (/[A-Za-z_]/.test(text[start - 1] ?? '')) continue;
    const after = text.slice(start + raw.length);
    const unitMatch = UNIT_AFTER.exec(after)?.[1];
    const unit =
      unitMatch === undefined
        ? 'plain'
        : /^(%|percent|per cent)$/.test(unitMatch)
          ? 'percent'
          : /^(k|K|thousand)$/.test(unitMatch)
            ? 'thousand'
            : 'million';
    const plain = raw.replaceAll(',', '');
    const decimals = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
    found.push({ text: raw + (unitMatch ? unitMatch : ''), value: Number(plain), decimals, unit });
  }
  return found;
}

/** Every finite number in a JSON value (booleans and strings are not figures). */
export function figuresOf(value: unknown, into: number[] = []): number[] {
  if (typeof value === 'number' && Number.isFinite(value)) into.push(value);
  else if (Array.isArray(value)) for (const item of value) figuresOf(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) figuresOf(item, into);
  return into;
}

const SCALE: Record<WrittenNumber['unit'], number> = {
  percent: 0.01,
  thousand: 1_000,
  million: 1_000_000,
  plain: 1,
};

/** True when rounding `figure` to what was written gives what was written. */
function writtenAs(written: WrittenNumber, figure: number) {
  const shown = Math.abs(figure) / SCALE[written.unit];
  return Math.abs(shown - written.value) <= 0.5 * 10 ** -written.decimals + 1e-9;
}

/** The numbers in `text` that no figure explains: empty when the narrative may be shown. */
export function unsupportedNumbers(text: string, figures: readonly number[]): WrittenNumber[] {
  return writtenNumbers(text).filter((written) => !figures.some((figure) => writtenAs(written, figure)));
}
