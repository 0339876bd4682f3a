/**
 * The screen matrix: every component at 1280 and 390 px, in English, Spanish and the dark preset.
 * Each screen fails on sideways overflow of the page, on a label, button, tab or heading cell
 * whose text is clipped, and on any axe violation. The totals are printed for the figures.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import { daysAgo, makeDeal, makeLead, StandIn, until } from '../test/fixtures.js';
import './activity-log/activity-log.define.js';
import './deal-calculator/deal-calculator.define.js';
import './deal-detail/deal-detail.define.js';
import './lead-detail/lead-detail.define.js';
import './lead-form/lead-form.define.js';
import './lead-list/lead-list.define.js';
import './pipeline-board/pipeline-board.define.js';
import './provider/provider.define.js';

type Variant = 'en' | 'es' | 'dark';
const widths = [1280, 390] as const;
const variants: Variant[] = ['en', 'es', 'dark'];
const totals = { screens: 0, overflowingAt390: 0, clippedLabels: 0, screensWithAxeViolations: 0 };

const lead = makeLead({
  source: 'direct_mail',
  contact: { name: 'Rosa Díaz', email: 'rosa.diaz@example.com', phone: '+15125550188' },
  property: {
    address: '4821 Ridgeview Drive',
    city: 'Austin',
    state: 'TX',
    bedrooms: 3,
    asking_price: 210_000,
  },
  score: 71.6,
  score_details: {
    probability: 0.716,
    model_id: '00000000-0000-4000-8000-000000000001',
    model_version: 1,
    scored_at: '2026-11-30T10:00:00.000Z',
    reasons: [{ feature: 'equity', contribution: 0.8, text: 'asking price 18 % under value' }],
    contributions: [],
    bias: -1.2,
  },
});
const deals = [
  makeDeal({
    lead_id: lead.id,
    deal_type: 'fix_and_flip',
    property: { address: '4821 Ridgeview Drive', city: 'Austin' },
    property_value: 1_250_000,
    estimated_profit: 142_000,
    stage_changed_at: daysAgo(30),
    updated_at: daysAgo(30),
  }),
  makeDeal({
    stage: 'negotiation',
    deal_type: 'buy_and_hold',
    property: { address: '9 Quiet Lane' },
    position: 1,
  }),
];

/** Each component as a page would put it, inside a provider when it needs the API. */
const screens: Record<string, (api: StandIn, theme: string) => TemplateResult> = {
  'lead form': (_api, theme) =>
    html`<hk-lead-form theme=${theme} publishable-key="pk_test" base-url="/stand-in/screens"
      fields="name*,email*,phone,address,city,state,zip,property_type,condition,asking_price,motivation"
      consent-text="I agree to be contacted about my property." consent-required></hk-lead-form>`,
  calculator: (_api, theme) => html`<hk-deal-calculator theme=${theme} no-url-state></hk-deal-calculator>`,
  board: (api, theme) =>
    html`<hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-pipeline-board theme=${theme}></hk-pipeline-board></hk-provider>`,
  'lead list': (api, theme) =>
    html`<hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-lead-list theme=${theme}></hk-lead-list></hk-provider>`,
  'lead detail': (api, theme) =>
    html`<hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-lead-detail theme=${theme} lead-id=${lead.id}></hk-lead-detail></hk-provider>`,
  'activity log': (api, theme) =>
    html`<hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-activity-log theme=${theme} lead-id=${lead.id}></hk-activity-log></hk-provider>`,
  'deal detail': (api, theme) =>
    html`<hk-provider base-url=${api.baseUrl} token="hk_session_test"><hk-deal-detail theme=${theme} opportunity-id=${deals[0]!.id}></hk-deal-detail></hk-provider>`,
};

/** What a component shows while it loads, in each language: a screen is measured once it is gone. */
const loadingTexts = ['Loading…', 'Cargando…'];

/** Elements of every shadow root under `root`, depth first. */
function* deepElements(root: Element | ShadowRoot): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* deepElements(element.shadowRoot);
  }
}

/** Known labels whose text must show whole: buttons, labels, tabs, table and list headings. */
function clippedLabels(root: Element): string[] {
  const clipped: string[] = [];
  for (const element of deepElements(root)) {
    if (!element.matches('button, label, [role="tab"], th, dt, legend, h2, h3')) continue;
    const box = element as HTMLElement;
    if (!box.offsetParent || getComputedStyle(box).overflow === 'visible') continue;
    if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1)
      clipped.push(box.textContent?.trim().slice(0, 40) ?? box.tagName);
  }
  return clipped;
}

describe('screens', () => {
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    document.body.removeAttribute('style');
    console.log(`screen matrix: ${JSON.stringify(totals)}`);
  });

  for (const width of widths) {
    for (const variant of variants) {
      for (const [name, template] of Object.entries(screens)) {
        it(`${name} at ${width} px, ${variant}`, async () => {
          localStorage.clear();
          await setViewport({ width, height: 900 });
          document.documentElement.lang = variant === 'es' ? 'es' : 'en';
          // The dark preset on a partner's white page: it paints its own surface, so contrast holds.
          document.body.style.cssText = 'background:#ffffff;margin:8px';
          const api = new StandIn();
          await api.seed({ leads: [lead], opportunities: deals });
          const page = await fixture<HTMLElement>(
            html`<main>${template(api, variant === 'dark' ? 'dark' : '')}</main>`,
          );
          await until(
            () => {
              const shown = [...deepElements(page)].some(
                (element) =>
                  element.matches('h2, h3, [role="listitem"], form, [role="tab"]') &&
                  (element as HTMLElement).offsetParent,
              );
              return (
                shown &&
                ![...deepElements(page)].some(
                  (element) =>
                    loadingTexts.includes(element.textContent ?? '') && (element as HTMLElement).offsetParent,
                )
              );
            },
            'the component rendered',
            8000,
          );
          await new Promise((resolve) => setTimeout(resolve, 150));
          totals.screens++;
          const overflow = document.documentElement.scrollWidth > width;
          if (overflow && width === 390) totals.overflowingAt390++;
          const clipped = clippedLabels(page);
          totals.clippedLabels += clipped.length;
          let violations = 0;
          try {
            await expect(page).to.be.accessible();
          } catch (error) {
            violations = 1;
            throw error;
          } finally {
            totals.screensWithAxeViolations += violations;
          }
          expect(document.documentElement.scrollWidth, 'page width').to.be.at.most(width);
          expect(clipped, 'clipped labels').to.deep.equal([]);
          document.documentElement.lang = 'en';
        }).timeout(60_000);
      }
    }
  }
});

/** A text each screen shows at rest, by its message key: `strings` must replace it. */
const overridden: Record<string, [tag: string, key: string]> = {
  'lead form': ['hk-lead-form', 'heading'],
  calculator: ['hk-deal-calculator', 'strategy_rental'],
  board: ['hk-pipeline-board', 'stage_prospecting'],
  'lead list': ['hk-lead-list', 'filterStatus'],
  'lead detail': ['hk-lead-detail', 'status_new'],
  'activity log': ['hk-activity-log', 'heading'],
  'deal detail': ['hk-deal-detail', 'address'],
};

describe('strings', () => {
  for (const name of Object.keys(screens)) {
    it(`replaces a text of the ${name} in Spanish, as the page says`, async () => {
      const [tag, key] = overridden[name]!;
      document.documentElement.lang = 'es';
      const api = new StandIn();
      await api.seed({ leads: [lead], opportunities: deals });
      const page = await fixture<HTMLElement>(html`<main>${screens[name]!(api, '')}</main>`);
      const element = page.querySelector(tag) as HTMLElement & { strings: Record<string, string> };
      element.setAttribute('strings', JSON.stringify({ [key]: 'Texto de la agencia' }));
      const text = () => [...deepElements(page)].map((node) => node.textContent ?? '').join(' ');
      await until(
        () => text().includes('Texto de la agencia'),
        `${tag} shows the page's text for ${key}`,
        8000,
      );
      expect(element.strings).to.deep.equal({ [key]: 'Texto de la agencia' });
      document.documentElement.lang = 'en';
    }).timeout(30_000);
  }
});
