import { css } from 'lit';
import { baseStyles, tokens } from '../base/tokens.js';

export const styles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    form {
      display: grid;
      gap: ${tokens.spaceM};
    }
    .heading {
      font-size: 1.25em;
      font-weight: 600;
    }
    .note {
      margin: 0;
      color: ${tokens.colorMuted};
      font-size: 0.875em;
    }
    .field {
      display: grid;
      gap: ${tokens.spaceXs};
    }
    .field[hidden] {
      display: none;
    }
    label {
      font-weight: 500;
    }
    .required,
    .error {
      color: ${tokens.colorDanger};
    }
    input,
    select,
    textarea {
      width: 100%;
      padding: ${tokens.spaceS};
      font: inherit;
      color: inherit;
      background: ${tokens.colorSurface};
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
    }
    [aria-invalid='true'] {
      border-color: ${tokens.colorDanger};
      border-width: 2px;
    }
    .consent {
      grid-template-columns: auto 1fr;
      column-gap: ${tokens.spaceS};
      align-items: start;
    }
    .consent input {
      width: 1.25em;
      height: 1.25em;
      margin: 0.125em 0 0;
    }
    .consent .error {
      grid-column: 1 / -1;
    }
    .error {
      margin: 0;
      font-size: 0.875em;
    }
    .summary {
      padding: ${tokens.spaceM};
      border: 2px solid ${tokens.colorDanger};
      border-radius: ${tokens.radius};
    }
    .summary p {
      margin: 0 0 ${tokens.spaceS};
      font-weight: 600;
    }
    .summary ul {
      margin: 0;
      padding-inline-start: ${tokens.spaceL};
    }
    .summary a {
      color: ${tokens.colorDanger};
    }
    .honeypot {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    button {
      justify-self: start;
      padding: ${tokens.spaceS} ${tokens.spaceL};
      font: inherit;
      font-weight: 600;
      color: ${tokens.colorOnPrimary};
      background: ${tokens.colorPrimary};
      border: 0;
      border-radius: ${tokens.radius};
      cursor: pointer;
    }
    button.secondary {
      color: ${tokens.colorPrimary};
      background: ${tokens.colorSurface};
      border: 1px solid ${tokens.colorPrimary};
    }
    button:disabled {
      opacity: 0.7;
      cursor: progress;
    }
    .message {
      margin: 0;
      padding: ${tokens.spaceM};
      border-inline-start: 4px solid ${tokens.colorPrimary};
    }
    .message.success {
      border-color: ${tokens.colorSuccess};
    }
    .message.error {
      border-color: ${tokens.colorDanger};
    }
  `,
];
