import { css } from 'lit';
import { detailStyles } from '../base/detail-styles.js';
import { baseStyles, tokens } from '../base/tokens.js';

export const styles = [
  baseStyles,
  detailStyles,
  css`
    section:first-child {
      margin-block-start: 0;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.875em;
    }
    caption {
      text-align: start;
      font-weight: 500;
      padding-block: ${tokens.spaceS};
    }
    th,
    td {
      text-align: start;
      padding: ${tokens.spaceXs} ${tokens.spaceS};
      border-block-end: 1px solid ${tokens.colorBorder};
    }
    td.money {
      text-align: end;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: ${tokens.spaceM};
    }
    textarea {
      width: 100%;
    }
    label.wide {
      display: flex;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: ${tokens.spaceS};
      align-items: center;
      margin-block: ${tokens.spaceS};
    }
    p {
      margin: ${tokens.spaceXs} 0;
    }
  `,
];
