/**
 * Accent folding for search: `José Muñoz` is stored and searched as `jose munoz`, so a search typed
 * with or without the accents finds it either way. One table serves both sides (the search vectors'
 * SQL and the words of `q`), so what is stored and what is asked for are folded alike; PostgreSQL's
 * `translate` is immutable, so generated columns can use it without the `unaccent` extension.
 */
const LETTERS: Record<string, string> = {
  a: 'àáâãäåāăąÀÁÂÃÄÅĀĂĄ',
  c: 'çćĉċčÇĆĈĊČ',
  d: 'ďđĎĐ',
  e: 'èéêëēĕėęěÈÉÊËĒĔĖĘĚ',
  g: 'ĝğġģĜĞĠĢ',
  h: 'ĥħĤĦ',
  i: 'ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ',
  j: 'ĵĴ',
  k: 'ķĶ',
  l: 'ĺļľŀłĹĻĽĿŁ',
  n: 'ñńņňÑŃŅŇ',
  o: 'òóôõöøōŏőÒÓÔÕÖØŌŎŐ',
  r: 'ŕŗřŔŖŘ',
  s: 'śŝşšŚŜŞŠ',
  t: 'ţťŧŢŤŦ',
  u: 'ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ',
  w: 'ŵŴ',
  y: 'ýÿŷÝŸŶ',
  z: 'źżžŹŻŽ',
};

const pairs = Object.entries(LETTERS).flatMap(([plain, accented]) =>
  [...accented].map((char) => [char, plain]),
);
const FOLDED = new Map(pairs as [string, string][]);
const FROM = pairs.map(([char]) => char).join('');
const TO = pairs.map(([, plain]) => plain).join('');
const ACCENTED = new RegExp(`[${FROM}]`, 'gu');

/** `text` (composed, so `e` + a combining accent counts as `é`) with each accented Latin letter of the table as its plain lower-case letter. */
export const foldAccents = (text: string): string =>
  text.normalize('NFC').replace(ACCENTED, (char) => FOLDED.get(char)!);

/** The same folding as SQL, for a generated column (the table holds no quote, so it embeds as is). */
export const foldAccentsSql = (expression: string): string => `translate(${expression}, '${FROM}', '${TO}')`;
