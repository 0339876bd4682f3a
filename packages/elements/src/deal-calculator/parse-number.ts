/**
 * Reads a number the way people type it: "$250,000", "250000", "250k", "1.2M", "6.5%", and in
 * Spanish "250.000" or "6,5 %". Returns `null` when the text is not a number.
 *
 * A single separator followed by exactly three digits is a thousands separator when it is the
 * locale's grouping character ("250,000" in English, "250.000" in Spanish), otherwise the decimal
 * point; a separator that repeats is always grouping; with both, the last one is the decimal point.
 */
export function parseTypedNumber(text: string, lang: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f$€£%]/g, '').replace(/^usd|usd$/i, '');
  const match = /^([-−]?)([\d.,]*\d[\d.,]*)([kKmM]?)$/.exec(compact);
  if (!match) return null;
  const [, sign, digits = '', suffix = ''] = match;
  const normalised = normaliseSeparators(digits, groupingCharacter(lang));
  if (normalised === null) return null;
  const value = Number(normalised) * (suffix === '' ? 1 : suffix.toLowerCase() === 'k' ? 1e3 : 1e6);
  if (!Number.isFinite(value)) return null;
  return sign ? -value : value;
}

function normaliseSeparators(digits: string, grouping: string): string | null {
  const separators = digits.replace(/\d/g, '');
  if (separators === '') return digits;
  const last = separators[separators.length - 1]!;
  const distinct = new Set(separators);
  if (distinct.size > 1) {
    // "1,234.5" or "1.234,5": the last separator is the decimal point and appears once.
    if (separators.indexOf(last) !== separators.length - 1) return null;
    const [whole, fraction] = splitLast(digits, last);
    return `${whole.replaceAll(last === '.' ? ',' : '.', '')}.${fraction}`;
  }
  if (separators.length > 1) return groupedOnly(digits, last);
  const [whole, fraction] = splitLast(digits, last);
  if (fraction.length === 3 && last === grouping && whole !== '') return `${whole}${fraction}`;
  return `${whole || '0'}.${fraction}`;
}

function groupedOnly(digits: string, separator: string): string | null {
  const groups = digits.split(separator);
  if (groups.slice(1).some((group) => group.length !== 3)) return null;
  return groups.join('');
}

function splitLast(text: string, separator: string): [string, string] {
  const at = text.lastIndexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}

const groupingByLang = new Map<string, string>();

function groupingCharacter(lang: string): string {
  let grouping = groupingByLang.get(lang);
  if (grouping === undefined) {
    const part = new Intl.NumberFormat(lang).formatToParts(12345.6).find((p) => p.type === 'group');
    // Locales that group with a space or none at all still read "," as grouping when typed.
    grouping = part?.value === '.' ? '.' : ',';
    groupingByLang.set(lang, grouping);
  }
  return grouping;
}
