import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAssetPaths } from './asset-paths.js';
import { renderPartnerPage } from './partner-site.js';

const html = readFileSync(join(findAssetPaths().examplesDir!, 'partner-site', 'index.html'), 'utf8');

describe('renderPartnerPage', () => {
  it('puts the real publishable key in place of pk_demo, and a base-url when given', () => {
    const page = renderPartnerPage(html, { publishableKey: 'pk_real', baseUrl: 'https://api.example' });
    expect(page).not.toContain('publishable-key="pk_demo"');
    expect(page).toContain('publishable-key="pk_real" base-url="https://api.example"');
    expect(renderPartnerPage(html, { publishableKey: 'pk_real' })).toMatch(
      /publishable-key="pk_real"\s+fields=/,
    );
  });

  it('escapes what it puts in attributes', () => {
    const page = renderPartnerPage(html, {
      publishableKey: 'pk_"><script>',
      baseUrl: 'https://x.example/?a=1&b="2"',
    });
    expect(page).toContain('publishable-key="pk_&quot;>&lt;script>"');
    expect(page).toContain('base-url="https://x.example/?a=1&amp;b=&quot;2&quot;"');
  });

  it('refuses a page without the placeholder', () => {
    expect(() => renderPartnerPage('<hk-lead-form></hk-lead-form>', { publishableKey: 'pk_real' })).toThrow(
      /pk_demo/,
    );
  });
});
