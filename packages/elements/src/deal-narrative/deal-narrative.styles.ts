import { css } from 'lit';
import { baseStyles, tokens } from '../base/tokens.js';

export const styles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    h3 {
      margin: 0 0 ${tokens.spaceS};
      font-size: 1em;
    }
    p {
      margin: ${tokens.spaceXs} 0;
    }
    .note {
      color: ${tokens.colorMuted};
      font-size: 0.875em;
    }
    button {
      font: inherit;
      color: ${tokens.colorText};
      background: ${tokens.colorSurface};
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
      padding: ${tokens.spaceXs} ${tokens.spaceS};
      min-height: 24px;
      cursor: pointer;
    }
    .bad {
      color: ${tokens.colorDanger};
    }
  `,
];
