/** Intl formatters are costly to build, so each (locale, options) pair is built once. */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, lang: string, options: Intl.NumberFormatOptions = {}): string {
  const cacheKey = `${lang}|${JSON.stringify(options)}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.NumberFormat(lang, options);
    formatters.set(cacheKey, formatter);
  }
  return formatter.format(value);
}

/**
 * Money is a number of dollars at full precision; this rounds for display only. The narrow symbol
 * keeps `$1,235` rather than `USD 1,235` in Spanish locales of the Americas.
 */
export function formatCurrency(
  value: number,
  lang: string,
  currency = 'USD',
  maximumFractionDigits = 0,
): string {
  return formatNumber(value, lang, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits,
  });
}

/**
 * Rates travel as fractions (`0.06`) and display as percentages (`6%`). A minimum number of digits
 * keeps a column of rates aligned (`2.3%`, `-5.0%`) instead of ragged.
 */
export function formatPercent(
  value: number,
  lang: string,
  maximumFractionDigits = 1,
  minimumFractionDigits = 0,
): string {
  return formatNumber(value, lang, { style: 'percent', maximumFractionDigits, minimumFractionDigits });
}
