import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { HkElement } from './hk-element.js';
import { baseStyles } from './tokens.js';

declare global {
  interface HTMLElementEventMap {
    'hk-test-ping': CustomEvent<{ count: number }>;
  }
}

class TestPing extends HkElement {
  ping(count: number) {
    return this.emit('hk-test-ping', { count });
  }
}
TestPing.define('hk-test-ping');

class TestThemed extends HkElement {
  static override styles = baseStyles;
}
TestThemed.define('hk-test-themed');

describe('HkElement', () => {
  it('emits typed events that bubble out of shadow roots', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const shadow = outer.attachShadow({ mode: 'open' });
    const element = document.createElement('hk-test-ping') as TestPing;
    shadow.append(element);

    setTimeout(() => element.ping(3));
    const event = await oneEvent(outer, 'hk-test-ping');

    expect(event.detail).to.deep.equal({ count: 3 });
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
  });

  it('paints the dark preset when its theme property says dark, reflected to the attribute', async () => {
    const element = await fixture<TestThemed>(html`<hk-test-themed></hk-test-themed>`);
    const light = getComputedStyle(element).color;
    element.theme = 'dark';
    await element.updateComplete;
    expect(element.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(element).color).to.equal('rgb(229, 231, 235)'); // --_hk-text of the preset
    expect(getComputedStyle(element).color).not.to.equal(light);
  });

  it('ignores a second definition of the same tag with a warning', () => {
    class Duplicate extends HkElement {}
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      Duplicate.define('hk-test-ping');
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('hk-test-ping')).to.equal(TestPing);
    expect(warnings).to.have.length(1);
  });
});
