import { expect, fixture, html } from '@open-wc/testing';
import { customElement } from 'lit/decorators.js';
import { HkElement } from './hk-element.js';
import { type Catalogue, LocalizeController, toLanguage } from './localize.js';

const en = {
  greeting: 'Hello',
  items: (count: number) => (count === 1 ? 'one item' : `${count} items`),
};
const es: typeof en = {
  greeting: 'Hola',
  items: (count: number) => (count === 1 ? 'un artículo' : `${count} artículos`),
};
/** How many times the Spanish module was fetched; it arrives a little later, as a real chunk does. */
let spanishLoads = 0;
const catalogue: Catalogue<typeof en> = {
  en,
  es: async () => {
    spanishLoads += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { default: es };
  },
};

@customElement('hk-test-greeting')
class TestGreeting extends HkElement {
  declare strings: Partial<typeof en>;
  readonly localize = new LocalizeController(this, catalogue);
  /** Every text rendered, to show that no English was painted before Spanish arrived. */
  readonly rendered: string[] = [];

  protected override updated() {
    this.rendered.push(this.shadowRoot!.textContent ?? '');
  }

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
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.equal('Hola, 2 artículos, $1,235');

    element.setAttribute('lang', 'en');
    await new Promise((resolve) => setTimeout(resolve));
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.equal('Hello, 2 items, $1,235');
  });

  it('takes its language from the locale property, which reflects to the attribute', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en"><hk-test-greeting></hk-test-greeting></div>`,
    );
    const element = wrapper.querySelector<TestGreeting>('hk-test-greeting')!;
    element.locale = 'es';
    expect(element.getAttribute('locale')).to.equal(null); // reflected on the next update
    await element.updateComplete;
    expect(element.getAttribute('locale')).to.equal('es');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.equal('Hola, 2 artículos, 1235\xa0$');
  });

  it('fetches Spanish once, and paints nothing in English before it arrives', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es"><hk-test-greeting></hk-test-greeting><hk-test-greeting></hk-test-greeting></div>`,
    );
    const elements = [...wrapper.querySelectorAll<TestGreeting>('hk-test-greeting')];
    for (const element of elements) {
      await element.updateComplete;
      expect(element.rendered).to.deep.equal(['Hola, 2 artículos, 1235\xa0$']);
    }
    expect(spanishLoads).to.be.at.most(1);
  });

  it('shows English when a language cannot be fetched', async () => {
    const failing: Catalogue<typeof en> = { en, es: () => Promise.reject(new TypeError('offline')) };
    @customElement('hk-test-offline-greeting')
    class OfflineGreeting extends HkElement {
      readonly localize = new LocalizeController(this, failing);
      override render() {
        return html`${this.localize.term('greeting')}`;
      }
    }
    const element = await fixture<OfflineGreeting>(
      html`<hk-test-offline-greeting lang="es"></hk-test-offline-greeting>`,
    );
    expect(element.shadowRoot!.textContent).to.equal('Hello');
  });

  it('lets the page replace any text, by attribute or property, with values in {0}', async () => {
    const element = await fixture<TestGreeting>(
      html`<hk-test-greeting lang="es" strings='{"greeting": "Buenas", "items": "{0} cosas"}'></hk-test-greeting>`,
    );
    expect(element.shadowRoot!.textContent).to.equal('Buenas, 2 cosas, 1235\xa0$');

    element.strings = { items: (count: number) => `${count} things` };
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.equal('Hola, 2 things, 1235\xa0$');
  });

  it('maps unsupported and regional tags to a supported language', () => {
    expect(toLanguage('es-419')).to.equal('es');
    expect(toLanguage('fr')).to.equal('en');
  });
});
