import { css } from 'lit';
import { controlLook } from '../base/control-styles.js';
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
      ${controlLook}
      cursor: pointer;
    }
    .bad {
      color: ${tokens.colorDanger};
    }
  `,
];
