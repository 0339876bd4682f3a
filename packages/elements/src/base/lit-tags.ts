import type { html, nothing, svg } from 'lit';

/**
 * Lit's template tags, as an element hands them to a module it loads on demand (`*.lazy.ts`): the
 * module renders with the embed's own Lit instead of bundling a second copy (about 5.5 KB min+gz),
 * since importing anything from `lit` brings all of it along.
 */
export interface LitTags {
  html: typeof html;
  svg: typeof svg;
  nothing: typeof nothing;
}
