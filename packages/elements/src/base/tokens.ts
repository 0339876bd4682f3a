import { css } from 'lit';

/**
 * Design tokens. Each reads a public `--hk-*` custom property with a default, so a host page can
 * theme every element from `:root` or one element from its own selector; declaring the defaults
 * on `:host` instead would shadow values inherited from the page.
 */
export const tokens = {
  colorPrimary: css`var(--hk-color-primary, #1d4ed8)`,
  colorOnPrimary: css`var(--hk-color-on-primary, #ffffff)`,
  colorText: css`var(--hk-color-text, #1f2937)`,
  colorMuted: css`var(--hk-color-muted, #4b5563)`,
  colorSurface: css`var(--hk-color-surface, #ffffff)`,
  colorBorder: css`var(--hk-color-border, #6b7280)`,
  colorDanger: css`var(--hk-color-danger, #b91c1c)`,
  colorSuccess: css`var(--hk-color-success, #166534)`,
  colorFocus: css`var(--hk-color-focus, #2563eb)`,
  radius: css`var(--hk-radius, 0.375rem)`,
  spaceXs: css`var(--hk-space-xs, 0.25rem)`,
  spaceS: css`var(--hk-space-s, 0.5rem)`,
  spaceM: css`var(--hk-space-m, 1rem)`,
  spaceL: css`var(--hk-space-l, 1.5rem)`,
  font: css`var(--hk-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)`,
  fontSize: css`var(--hk-font-size, 1rem)`,
};

/** What every element starts from: its font and colours, border-box sizing, and a visible focus ring. */
export const baseStyles = css`
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
