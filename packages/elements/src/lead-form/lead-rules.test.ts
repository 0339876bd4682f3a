import { PublicLeadCreate } from '@hidden-key/sdk/schemas';
import { expect } from '@open-wc/testing';
import { acceptedCustomFields, parseField } from './lead-checks.js';
import { fieldControls } from './lead-fields.js';
import { type FieldName, fieldRules } from './lead-rules.js';

/** What the SDK's own schema (the server's) says about one field value inside an otherwise valid body. */
function serverVerdict(name: FieldName, value: unknown) {
  const group = fieldControls[name].group;
  const contact = name === 'email' ? { name: 'Base' } : { email: 'base@example.com' };
  const body =
    group === 'contact'
      ? { contact: { ...contact, [name]: value } }
      : group === 'property'
        ? { contact, property: { [name]: value } }
        : { contact, motivation: value };
  const result = PublicLeadCreate.safeParse({ ...body, elapsed_ms: 5000 });
  if (!result.success) return { accepted: false as const };
  const data = result.data as Record<string, Record<string, unknown> | unknown>;
  const stored = group === 'lead' ? data.motivation : (data[group] as Record<string, unknown>)[name];
  return { accepted: true as const, stored };
}

const lengths = [
  1, 2, 3, 19, 20, 21, 39, 40, 41, 49, 50, 51, 99, 100, 101, 199, 200, 201, 254, 255, 9999, 10_000, 10_001,
];
const textSamples = [
  ...lengths.map((length) => 'a'.repeat(length)),
  ...lengths.map((length) => ` ${'b'.repeat(length)} `),
  '  Ana María  ',
  'ANA@Example.COM',
  ' ana.b+tag@mail.example.co ',
  'ana@example',
  'ana@@example.com',
  "o'brien@example.com",
  '.ana@example.com',
  `${'a'.repeat(242)}@example.com`,
  `${'a'.repeat(243)}@example.com`,
  '(555) 010-0100',
];
const numberSamples = [
  -1e12 - 1,
  -1e12,
  -1,
  0,
  0.5,
  1,
  2.5,
  3,
  999,
  1000,
  1000.5,
  1001,
  1599,
  1600,
  2200,
  2201,
  1e7,
  1e7 + 1,
  1e12,
  1e12 + 1,
];

describe('lead field rules agree with the server schema (PublicLeadCreate)', () => {
  for (const name of Object.keys(fieldRules) as FieldName[]) {
    const rule = fieldRules[name];
    it(`${name}: every value the form accepts the server stores as sent, every value it refuses the server refuses`, () => {
      const samples = rule.type === 'number' ? numberSamples : textSamples;
      let compared = 0;
      for (const sample of samples) {
        const local = parseField(rule, String(sample));
        if (!local.issue && local.value === undefined) continue;
        compared += 1;
        const server = serverVerdict(name, sample);
        if (local.issue) {
          expect(server.accepted, `${name} = ${JSON.stringify(sample)} (${local.issue.code})`).to.equal(
            false,
          );
        } else {
          expect(server, `${name} = ${JSON.stringify(sample)}`).to.deep.equal({
            accepted: true,
            stored: local.value,
          });
        }
      }
      expect(compared).to.be.greaterThan(10);
    });
  }

  it('reads numbers typed with currency signs, commas and spaces, and refuses words', () => {
    expect(parseField(fieldRules.asking_price, '$250,000')).to.deep.equal({ value: 250_000 });
    expect(parseField(fieldRules.bedrooms, ' 3 ')).to.deep.equal({ value: 3 });
    expect(parseField(fieldRules.bedrooms, 'three').issue).to.deep.equal({ code: 'number' });
    expect(parseField(fieldRules.bedrooms, '2.5').issue).to.deep.equal({ code: 'integer' });
  });

  it('keeps exactly the custom fields the server accepts', () => {
    const candidates: Record<string, unknown> = {
      campaign: 'spring',
      visits: 3,
      returning: true,
      long: 'x'.repeat(2001),
      limit: 'x'.repeat(2000),
      [`k${'e'.repeat(100)}`]: 'key too long',
      nested: { a: 1 },
      missing: null,
      infinite: Number.POSITIVE_INFINITY,
    };
    const kept = acceptedCustomFields(candidates);
    for (const [key, value] of Object.entries(candidates)) {
      const server = PublicLeadCreate.safeParse({
        contact: { name: 'A' },
        custom_fields: { [key]: value },
        elapsed_ms: 5000,
      });
      expect(key in kept, key).to.equal(server.success);
    }
    expect(Object.keys(kept)).to.deep.equal(['campaign', 'visits', 'returning', 'limit']);
  });
});
