import { expect } from '@open-wc/testing';
import { captureAttribution } from './attribution.js';

const at = (href: string) => new URL(href) as unknown as Location;

describe('captureAttribution', () => {
  beforeEach(() => sessionStorage.clear());

  it('reads UTM parameters, referrer and landing page', () => {
    const attribution = captureAttribution(
      at(
        'https://partner.example/sell?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=cash&utm_content=a',
      ),
      'https://search.example/',
    );
    expect(attribution).to.deep.equal({
      utm_source: 'news',
      utm_medium: 'email',
      utm_campaign: 'spring',
      utm_term: 'cash',
      utm_content: 'a',
      referrer: 'https://search.example/',
      landing_page:
        'https://partner.example/sell?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=cash&utm_content=a',
    });
  });

  it('keeps the first touch of the session until a new campaign arrives', () => {
    const first = captureAttribution(at('https://partner.example/?utm_source=ads'), 'https://ads.example/');
    expect(
      captureAttribution(at('https://partner.example/contact'), 'https://partner.example/'),
    ).to.deep.equal(first);

    const second = captureAttribution(at('https://partner.example/?utm_source=news'), '');
    expect(second).to.deep.equal({
      utm_source: 'news',
      landing_page: 'https://partner.example/?utm_source=news',
    });
  });

  it('trims values to what the server accepts', () => {
    const attribution = captureAttribution(
      at(`https://partner.example/?utm_source=${'s'.repeat(300)}&x=${'x'.repeat(3000)}`),
      '',
    );
    expect(attribution.utm_source).to.have.length(200);
    expect(attribution.landing_page).to.have.length(2048);
  });

  it('still attributes the visit when no storage is available', () => {
    expect(captureAttribution(at('https://partner.example/?utm_medium=cpc'), '', null)).to.deep.equal({
      utm_medium: 'cpc',
      landing_page: 'https://partner.example/?utm_medium=cpc',
    });
  });
});
