import { expect, fixture, html } from '@open-wc/testing';
import { customElement } from 'lit/decorators.js';
import { HkElement } from './hk-element.js';
import { type Catalogue, LocalizeController, toLanguage } from './localize.js';

const en = {
  greeting: 'Hello',
  items: (count: number) => (count === 1 ? 'one item' : `${count} items`),
};
const catalogue: Catalogue<typeof en> = {
  en,
  es: { greeting: 'Hola', items: (count: number) => (count === 1 ? 'un artículo' : `${count} artículos`) },
};

@customElement('hk-test-greeting')
class TestGreeting extends HkElement {
  readonly localize = new LocalizeController(this, catalogue);

  override render() {
    return html`${this.localize.term('greeting')}, ${this.localize.term('items', 2)}, ${this.localize.currency(1234.5)}`;
  }
}

describe('LocalizeController', () => {
  it('speaks English by default', async () => {
    const element = await fixture<TestGreeting>(html`<hk-test-greeting></hk-test-greeting>`);
    expect(element.shadowRoot!.textContent).to.equal('Hello, 2 items, $1,235');
  });

  it('follows the lang of the nearest ancestor and re-renders when it changes', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es-MX"><hk-test-greeting></hk-test-greeting></div>`,
    );
    const element = wrapper.querySelector<TestGreeting>('hk-test-greeting')!;
    expect(element.shadowRoot!.textContent).to.equal('Hola, 2 artículos, $1,235');

    element.setAttribute('lang', 'en');
    await new Promise((resolve) => setTimeout(resolve));
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.equal('Hello, 2 items, $1,235');
  });

  it('maps unsupported and regional tags to a supported language', () => {
    expect(toLanguage('es-419')).to.equal('es');
    expect(toLanguage('fr')).to.equal('en');
  });
});
