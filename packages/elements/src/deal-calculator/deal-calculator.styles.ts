import { css } from 'lit';
import { baseStyles, tokens } from '../base/tokens.js';

export const styles = [
  baseStyles,
  css`
    :host {
      display: block;
      /* The layout follows the space the calculator is given, not the window: it may sit in a sidebar. */
      container-type: inline-size;
    }
    .heading {
      font-size: 1.25em;
      font-weight: 600;
      margin: 0 0 ${tokens.spaceM};
    }
    [role='tablist'] {
      display: flex;
      overflow-x: auto;
      gap: ${tokens.spaceXs};
      border-bottom: 1px solid ${tokens.colorBorder};
      margin-bottom: ${tokens.spaceM};
    }
    button {
      font: inherit;
      padding: ${tokens.spaceS} ${tokens.spaceM};
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
      background: ${tokens.colorSurface};
      color: ${tokens.colorText};
      cursor: pointer;
    }
    [role='tab'] {
      flex: 1 0 auto;
      white-space: nowrap;
      border-bottom: none;
      border-radius: ${tokens.radius} ${tokens.radius} 0 0;
    }
    [role='tab'][aria-selected='true'],
    button[aria-pressed='true'],
    .save {
      background: ${tokens.colorPrimary};
      color: ${tokens.colorOnPrimary};
      border-color: ${tokens.colorPrimary};
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${tokens.spaceM};
      margin-bottom: ${tokens.spaceM};
    }
    .toolbar fieldset {
      display: flex;
      gap: ${tokens.spaceM};
      border: none;
      padding: 0;
      margin: 0;
    }
    .layout {
      display: grid;
      gap: ${tokens.spaceL};
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      align-items: start;
    }
    .layout > section {
      /* A grid item grows to its widest content by default; the chart and tables scroll instead. */
      min-width: 0;
    }
    fieldset.group {
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
      padding: ${tokens.spaceM};
      margin: 0 0 ${tokens.spaceM};
      display: grid;
      gap: ${tokens.spaceS};
    }
    legend {
      font-weight: 600;
      padding: 0 ${tokens.spaceXs};
    }
    .field {
      display: grid;
      gap: ${tokens.spaceXs};
    }
    label {
      font-weight: 500;
    }
    input[type='text'] {
      width: 100%;
      padding: ${tokens.spaceS};
      font: inherit;
      color: inherit;
      background: ${tokens.colorSurface};
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    [aria-invalid='true'] {
      border-color: ${tokens.colorDanger};
      border-width: 2px;
    }
    .error,
    .bad {
      color: ${tokens.colorDanger};
    }
    .error {
      margin: 0;
      font-size: 0.875em;
    }
    .good {
      color: ${tokens.colorSuccess};
    }
    dl {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: ${tokens.spaceXs} ${tokens.spaceM};
      margin: 0 0 ${tokens.spaceM};
    }
    dd {
      margin: 0;
      text-align: right;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    h3,
    h4 {
      margin: ${tokens.spaceM} 0 ${tokens.spaceS};
      font-size: 1.05em;
    }
    ul {
      margin: 0;
      padding-left: 1.25em;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-variant-numeric: tabular-nums;
      font-size: 0.875em;
    }
    th,
    td {
      padding: ${tokens.spaceXs} ${tokens.spaceS};
      text-align: right;
      border-bottom: 1px solid ${tokens.colorBorder};
    }
    th[scope='row'],
    thead th:first-child {
      text-align: left;
    }
    .scroll {
      /* Positioned, so visually hidden text inside stays inside the scroll box. */
      position: relative;
      overflow-x: auto;
      margin-bottom: ${tokens.spaceM};
    }
    .summary {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr));
      gap: ${tokens.spaceS};
      margin: 0 0 ${tokens.spaceM};
    }
    .summary > div {
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
      padding: ${tokens.spaceS} ${tokens.spaceM};
    }
    .summary dt {
      font-size: 0.875em;
    }
    .summary dd {
      text-align: start;
      font-size: 1.25em;
    }
    @container (max-width: 36rem) {
      [role='tab'] {
        padding: ${tokens.spaceS};
      }
    }
  `,
];
