import { describe, expect, it } from 'vitest';
import { buildColumnMapping, resolveField, rowToLead } from '../../src/cli/column-map.js';

describe('column mapping', () => {
  it('recognises common headers and leaves the rest unmapped', () => {
    const mapping = buildColumnMapping(['Full Name', 'E-mail', 'Zip Code', 'Beds', 'Favourite colour'], {});
    expect(Object.fromEntries(mapping.fields)).toEqual({
      'contact.name': 'Full Name',
      'contact.email': 'E-mail',
      'property.zip': 'Zip Code',
      'property.bedrooms': 'Beds',
    });
    expect(mapping.unmapped).toEqual(['Favourite colour']);
  });

  it('lets --map pairs win, by alias or by path', () => {
    const mapping = buildColumnMapping(['Name', 'Owner', 'Cell #'], {
      name: 'Owner',
      'contact.phone': 'Cell #',
    });
    expect(mapping.fields.get('contact.name')).toBe('Owner');
    expect(mapping.fields.get('contact.phone')).toBe('Cell #');
    expect(mapping.unmapped).toEqual(['Name']);
  });

  it('refuses a mapping to an unknown field or a missing column', () => {
    expect(() => buildColumnMapping(['A'], { shoe_size: 'A' })).toThrow(/unknown lead field/);
    expect(() => buildColumnMapping(['A'], { name: 'B' })).toThrow(/no column "B"/);
    expect(resolveField('nonsense')).toBeUndefined();
  });
});

describe('rowToLead', () => {
  const mapping = buildColumnMapping(['name', 'email', 'price', 'tags', 'notes', 'colour'], {});

  it('builds a nested lead, converting numbers and splitting tags, skipping empty cells', () => {
    const lead = rowToLead(
      { name: 'Ada', email: '', price: '$250,000', tags: 'hot; probate', notes: ' ', colour: 'blue' },
      mapping,
      { source: 'csv', keepUnmapped: true },
    );
    expect(lead).toEqual({
      source: 'csv',
      contact: { name: 'Ada' },
      property: { asking_price: 250000 },
      tags: ['hot', 'probate'],
      custom_fields: { colour: 'blue' },
    });
  });

  it('drops unmapped columns on request and reports unreadable numbers', () => {
    expect(rowToLead({ name: 'A', colour: 'red' }, mapping, { keepUnmapped: false })).toEqual({
      contact: { name: 'A' },
    });
    expect(() => rowToLead({ name: 'A', price: 'lots' }, mapping, { keepUnmapped: false })).toThrow(
      'property.asking_price: "lots" is not a number',
    );
  });
});
