import { css } from 'lit';
import { baseStyles, tokens } from '../base/tokens.js';

export const styles = [
  baseStyles,
  css`
    :host {
      display: block;
      container-type: inline-size;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: ${tokens.spaceM};
      margin-block-end: ${tokens.spaceS};
    }
    label {
      display: flex;
      flex-direction: column;
      gap: ${tokens.spaceXs};
      font-size: 0.875em;
      color: ${tokens.colorMuted};
    }
    select,
    input,
    button {
      font: inherit;
      color: ${tokens.colorText};
      background: ${tokens.colorSurface};
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
      padding: ${tokens.spaceXs} ${tokens.spaceS};
    }
    .summary {
      margin: 0 0 ${tokens.spaceS};
      color: ${tokens.colorMuted};
      font-size: 0.875em;
    }
    .row {
      display: grid;
      grid-template-columns: minmax(12rem, 2fr) 9rem 6rem minmax(6rem, 1fr) 8rem 7rem;
      align-items: center;
      gap: ${tokens.spaceS};
      width: 100%;
      min-height: 3rem;
      padding: ${tokens.spaceXs} ${tokens.spaceS};
      border-block-end: 1px solid color-mix(in srgb, ${tokens.colorBorder} 30%, transparent);
    }
    .header {
      font-weight: 600;
      color: ${tokens.colorMuted};
      font-size: 0.875em;
    }
    .header .sort {
      border: none;
      padding: 0;
      text-align: start;
      color: ${tokens.colorPrimary};
      cursor: pointer;
    }
    .rows {
      height: var(--hk-lead-list-height, 70vh);
      overflow: auto;
      /* The virtual rows keep each row where it was; the browser must not shift them itself. */
      overflow-anchor: none;
    }
    .who {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .name {
      border: none;
      padding: 0;
      text-align: start;
      font-weight: 600;
      color: ${tokens.colorPrimary};
      cursor: pointer;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .contact {
      color: ${tokens.colorMuted};
      font-size: 0.875em;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .priority-high,
    .priority-urgent {
      color: ${tokens.colorDanger};
      font-weight: 600;
    }
    .score {
      justify-self: start;
      padding: 0 ${tokens.spaceS};
      border-radius: 999px;
      font-size: 0.875em;
      border: 1px solid ${tokens.colorBorder};
    }
    .score-high {
      background: ${tokens.colorSuccess};
      color: ${tokens.colorOnPrimary};
    }
    .score-medium {
      background: ${tokens.colorPrimary};
      color: ${tokens.colorOnPrimary};
    }
    .notice {
      display: flex;
      justify-content: space-between;
      gap: ${tokens.spaceM};
      margin-block-end: ${tokens.spaceS};
      padding: ${tokens.spaceS} ${tokens.spaceM};
      border: 1px solid ${tokens.colorDanger};
      border-radius: ${tokens.radius};
      color: ${tokens.colorDanger};
    }
      /* Narrow (a phone, a sidebar): each lead is a small card instead of a six-column row. */
    @container (max-width: 48rem) {
      .header {
        display: none;
      }
      .row {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto;
        grid-template-areas:
          'who who who'
          'status status score'
          'priority source created';
        row-gap: ${tokens.spaceXs};
      }
      .who {
        grid-area: who;
      }
      select[part='status'] {
        grid-area: status;
        justify-self: start;
      }
      .score {
        grid-area: score;
      }
      .priority {
        grid-area: priority;
      }
      .source {
        grid-area: source;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .created {
        grid-area: created;
      }
      .toolbar label {
        flex: 1 1 10rem;
      }
      .toolbar input {
        min-width: 0;
      }
    }
  `,
];
