import { expect } from '@open-wc/testing';
import { parseTypedNumber } from './parse-number.js';

describe('parseTypedNumber', () => {
  it('reads what people type in English', () => {
    expect(parseTypedNumber('$250,000', 'en')).to.equal(250_000);
    expect(parseTypedNumber(' 250000 ', 'en')).to.equal(250_000);
    expect(parseTypedNumber('1,250,000.50', 'en')).to.equal(1_250_000.5);
    expect(parseTypedNumber('6.5%', 'en')).to.equal(6.5);
    expect(parseTypedNumber('.5', 'en')).to.equal(0.5);
    expect(parseTypedNumber('250k', 'en')).to.equal(250_000);
    expect(parseTypedNumber('1.2M', 'en')).to.equal(1_200_000);
    expect(parseTypedNumber('-1,000', 'en')).to.equal(-1000);
  });

  it('reads Spanish separators', () => {
    expect(parseTypedNumber('250.000 €', 'es')).to.equal(250_000);
    expect(parseTypedNumber('6,5 %', 'es')).to.equal(6.5);
    expect(parseTypedNumber('1.250.000,75', 'es')).to.equal(1_250_000.75);
    expect(parseTypedNumber('$250,000', 'es-MX')).to.equal(250_000);
  });

  it('refuses text that is not a number', () => {
    for (const text of ['', 'abc', '1,2,3', '12..5', '$', '1.000,5.5', '5 apples']) {
      expect(parseTypedNumber(text, 'en'), text).to.equal(null);
    }
  });
});
