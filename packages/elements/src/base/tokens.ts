import { css } from 'lit';

/**
 * Design tokens. Each reads a public `--hk-*` custom property with a default, so a host page can
 * theme every element from `:root` or one element from its own selector; declaring the defaults
 * on `:host` instead would shadow values inherited from the page.
 */
export const tokens = {
  colorPrimary: css`var(--hk-color-primary, var(--_hk-primary, #1d4ed8))`,
  colorOnPrimary: css`var(--hk-color-on-primary, var(--_hk-on-primary, #ffffff))`,
  colorText: css`var(--hk-color-text, var(--_hk-text, #1f2937))`,
  colorMuted: css`var(--hk-color-muted, var(--_hk-muted, #4b5563))`,
  colorSurface: css`var(--hk-color-surface, var(--_hk-surface, #ffffff))`,
  colorBorder: css`var(--hk-color-border, var(--_hk-border, #6b7280))`,
  colorDanger: css`var(--hk-color-danger, var(--_hk-danger, #b91c1c))`,
  colorSuccess: css`var(--hk-color-success, var(--_hk-success, #166534))`,
  colorFocus: css`var(--hk-color-focus, var(--_hk-focus, #2563eb))`,
  radius: css`var(--hk-radius, 0.375rem)`,
  spaceXs: css`var(--hk-space-xs, 0.25rem)`,
  spaceS: css`var(--hk-space-s, 0.5rem)`,
  spaceM: css`var(--hk-space-m, 1rem)`,
  spaceL: css`var(--hk-space-l, 1.5rem)`,
  font: css`var(--hk-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)`,
  fontSize: css`var(--hk-font-size, 1rem)`,
};

/**
 * The dark preset, as private `--_hk-*` values under the public `--hk-*` properties (which a page
 * still overrides either way). The light defaults sit inline in `tokens`. An element is light
 * unless it says `theme="dark"`, or `theme="auto"` to follow the visitor's `prefers-color-scheme`:
 * a partner's light page must not turn its form dark because the visitor's system is. The values
 * inherit, so the elements inside a dark detail panel are dark too. Every pair passes WCAG AA
 * contrast on the palette's own surface.
 */
const darkPalette = css`
  --_hk-primary: #93c5fd;
  --_hk-on-primary: #0b1220;
  --_hk-text: #e5e7eb;
  --_hk-muted: #a3acb9;
  --_hk-surface: #111827;
  --_hk-border: #9ca3af;
  --_hk-danger: #fca5a5;
  --_hk-success: #86efac;
  --_hk-focus: #bfdbfe;
  --_hk-tint: 0.5;
  color-scheme: dark;
`;

/**
 * What every element starts from: its font and colours, border-box sizing, and a visible focus ring.
 * A light element shows the page through it; a dark one paints its own surface, since its light
 * text is only readable there (a partner's page is usually white).
 */
export const baseStyles = css`
  :host([theme='dark']) {
    ${darkPalette}
    background-color: ${tokens.colorSurface};
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkPalette}
      background-color: ${tokens.colorSurface};
    }
  }
  :host {
    box-sizing: border-box;
    font-family: ${tokens.font};
    font-size: ${tokens.fontSize};
    color: ${tokens.colorText};
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid ${tokens.colorFocus};
    outline-offset: 2px;
  }
  /* Read by screen readers, not shown. Inside a scroll box, keep the box positioned so it stays in. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
