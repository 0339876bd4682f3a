import type { Property } from '@hidden-key/sdk/schemas';
import { html, nothing } from 'lit';
import { LocalizeController } from './localize.js';
import { type PropertyFactsMessages, propertyFactsMessages } from './property-facts.messages.js';

/** A property's address on one line: "12 Elm St, Austin, TX 78701". */
export function addressLine(property: Property): string {
  const place = [property.city, [property.state, property.zip].filter(Boolean).join(' ')].filter(Boolean);
  return [property.address, ...place].filter(Boolean).join(', ');
}

/**
 * A property as a definition list, shared by the lead and deal details so both describe a house
 * the same way. The host adds the controller once and calls `render`.
 */
export class PropertyFacts {
  private readonly t: LocalizeController<PropertyFactsMessages>;

  constructor(host: ConstructorParameters<typeof LocalizeController>[0]) {
    this.t = new LocalizeController(host, propertyFactsMessages);
  }

  render(property: Property) {
    const t = this.t;
    const money = (value: number | null | undefined) => (value == null ? null : t.currency(value));
    const rows: [keyof PropertyFactsMessages, string | null][] = [
      ['address', addressLine(property) || null],
      ['property_type', property.property_type ?? null],
      ['bedrooms', property.bedrooms == null ? null : t.number(property.bedrooms)],
      ['bathrooms', property.bathrooms == null ? null : t.number(property.bathrooms)],
      ['sqft', property.sqft == null ? null : t.number(property.sqft)],
      ['year_built', property.year_built == null ? null : String(property.year_built)],
      ['condition', property.condition ?? null],
      ['estimated_value', money(property.estimated_value)],
      ['asking_price', money(property.asking_price)],
    ];
    const shown = rows.filter((row): row is [keyof PropertyFactsMessages, string] => row[1] !== null);
    if (!shown.length) return html`<p>${t.term('noProperty')}</p>`;
    return html`<dl part="property" class="facts">
      ${shown.map(([key, value]) => html`<div><dt>${t.term(key)}</dt><dd>${value}</dd></div>`)}
    </dl>${nothing}`;
  }
}
