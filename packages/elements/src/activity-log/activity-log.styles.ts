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
    form {
      display: grid;
      gap: ${tokens.spaceS};
      margin-block-end: ${tokens.spaceM};
    }
    fieldset {
      display: flex;
      gap: ${tokens.spaceM};
      border: none;
      padding: 0;
      margin: 0;
    }
    legend,
    label {
      font-weight: 500;
    }
    textarea,
    button {
      ${controlLook}
    }
    textarea {
      width: 100%;
    }
    button {
      justify-self: start;
      background: ${tokens.colorPrimary};
      color: ${tokens.colorOnPrimary};
      border-color: ${tokens.colorPrimary};
      cursor: pointer;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: ${tokens.spaceS};
    }
    li {
      border-inline-start: 3px solid ${tokens.colorBorder};
      padding-inline-start: ${tokens.spaceS};
      overflow-wrap: anywhere;
    }
    .when {
      color: ${tokens.colorMuted};
      font-size: 0.875em;
    }
    .bad {
      color: ${tokens.colorDanger};
    }
    p {
      margin: 0;
    }
  `,
];
