import type { tokens as Tokens } from '../base/tokens.js';

/**
 * Joins a template into a plain string, where Lit's `css` would make a CSSResult: this module
 * loads on demand and cannot bring Lit along. Named `css` so the embed build minifies it as it
 * minifies Lit's templates.
 */
const css = String.raw;

/**
 * The styles of the schedule, chart and grid, which arrive with them: `tokens` are the
 * calculator's design tokens, so these read the same `--hk-*` properties.
 */
export const extrasStyles = (tokens: typeof Tokens) => css`
    caption {
      text-align: left;
      font-weight: 600;
      padding-bottom: ${tokens.spaceXs};
    }
    details {
      margin-bottom: ${tokens.spaceM};
    }
    summary {
      cursor: pointer;
      font-weight: 600;
      padding: ${tokens.spaceXs} 0;
    }
    /* The dark preset's light tints would wash out light text: it scales them down (--_hk-tint). */
    .grid td.up {
      background: color-mix(
        in srgb,
        ${tokens.colorSuccess} calc(var(--mix, 0%) * var(--_hk-tint, 1)),
        ${tokens.colorSurface}
      );
    }
    .grid td.down {
      background: color-mix(
        in srgb,
        ${tokens.colorDanger} calc(var(--mix, 0%) * var(--_hk-tint, 1)),
        ${tokens.colorSurface}
      );
    }
    .grid td[aria-current='true'] {
      outline: 2px solid ${tokens.colorText};
      outline-offset: -2px;
      font-weight: 700;
    }
    .chart {
      margin: 0 0 ${tokens.spaceM};
    }
    .chart svg {
      display: block;
      max-width: 100%;
    }
    .point {
      stroke: none;
    }
    .point.equity {
      fill: ${tokens.colorSuccess};
    }
    .point.loan-balance {
      fill: ${tokens.colorDanger};
    }
    .point.cash-flow {
      fill: ${tokens.colorPrimary};
    }
    @container (max-width: 36rem) {
      .grid .minor {
        display: none;
      }
      .grid th,
      .grid td {
        padding-inline: ${tokens.spaceXs};
      }
    }
    .axis {
      stroke: ${tokens.colorMuted};
      stroke-width: 1;
    }
    .tick {
      fill: ${tokens.colorMuted};
      font-size: 12px;
    }
    .line {
      fill: none;
      stroke-width: 2.5;
    }
    .equity {
      stroke: ${tokens.colorSuccess};
      background: ${tokens.colorSuccess};
    }
    .loan-balance {
      stroke: ${tokens.colorDanger};
      background: ${tokens.colorDanger};
    }
    .cash-flow {
      stroke: ${tokens.colorPrimary};
      background: ${tokens.colorPrimary};
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: ${tokens.spaceM};
      font-size: 0.875em;
    }
    .swatch {
      display: inline-block;
      width: 1em;
      height: 0.25em;
      margin-right: ${tokens.spaceXs};
      vertical-align: middle;
    }
    /* The printed report (which waits for this file): figures, inputs as text and every table, without the controls. */
    @media print {
      [role='tablist'],
      .toolbar,
      .save,
      [role='status'] {
        display: none;
      }
      input[type='text'] {
        border: none;
        padding: 0;
      }
      .layout {
        display: block;
      }
      .scroll {
        overflow: visible;
      }
      table,
      figure,
      fieldset {
        break-inside: avoid;
      }
    }
  `;
