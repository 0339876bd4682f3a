import { css } from 'lit';
import { baseStyles, tokens } from '../base/tokens.js';
import { CARD_HEIGHT } from './column-window.js';

export const styles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: ${tokens.spaceM};
      margin-block-end: ${tokens.spaceM};
    }
    .toolbar label {
      display: flex;
      flex-direction: column;
      gap: ${tokens.spaceXs};
      font-size: 0.875em;
      color: ${tokens.colorMuted};
    }
    select,
    input {
      font: inherit;
      color: ${tokens.colorText};
      background: ${tokens.colorSurface};
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
      padding: ${tokens.spaceXs} ${tokens.spaceS};
    }
    .board {
      display: flex;
      gap: ${tokens.spaceM};
      overflow-x: auto;
      padding-block-end: ${tokens.spaceS};
    }
    .column {
      flex: 0 0 var(--hk-board-column-width, 17rem);
      display: flex;
      flex-direction: column;
      background: color-mix(in srgb, ${tokens.colorBorder} 8%, ${tokens.colorSurface});
      border-radius: ${tokens.radius};
      padding: ${tokens.spaceS};
    }
    .column-title {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: ${tokens.spaceS};
    }
    .add-form {
      display: grid;
      gap: ${tokens.spaceS};
      margin-block: ${tokens.spaceS};
    }
    .add-form input,
    .add-form select {
      min-width: 0;
    }
    .add-actions {
      display: flex;
      gap: ${tokens.spaceS};
    }
    .add-error {
      margin: 0;
      color: ${tokens.colorDanger};
    }
    header h3 {
      margin: 0;
      font-size: 1em;
    }
    header .count {
      margin: ${tokens.spaceXs} 0;
      color: ${tokens.colorMuted};
      font-size: 0.875em;
    }
    .sums {
      display: flex;
      gap: ${tokens.spaceM};
      margin: 0 0 ${tokens.spaceS};
      font-size: 0.875em;
    }
    .sums dt {
      color: ${tokens.colorMuted};
    }
    .sums dd {
      margin: 0;
      font-weight: 600;
    }
    .scroller {
      height: var(--hk-board-column-height, 70vh);
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    .list {
      position: relative;
    }
    .card {
      position: absolute;
      inset-inline: 0;
      height: ${CARD_HEIGHT}px;
      overflow: hidden;
      padding: ${tokens.spaceS};
      background: ${tokens.colorSurface};
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
      cursor: grab;
      font-size: 0.875em;
    }
    .card.dragging {
      opacity: 0.4;
    }
    .card p {
      margin: 0 0 ${tokens.spaceXs};
      display: flex;
      justify-content: space-between;
      gap: ${tokens.spaceS};
      white-space: nowrap;
    }
    .card .meta span {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .card .title {
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      display: block;
    }
    .score {
      /* A badge of the number alone (its label is read out and shown on hover): it never crowds the type. */
      flex: none;
      position: relative;
      padding-inline: ${tokens.spaceXs};
      border-radius: ${tokens.radius};
      background: ${tokens.colorPrimary};
      color: ${tokens.colorOnPrimary};
    }
    .stale {
      color: var(--hk-color-stale, ${tokens.colorDanger});
      font-weight: 600;
    }
    button {
      font: inherit;
      color: ${tokens.colorPrimary};
      background: ${tokens.colorSurface};
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
      padding: 0 ${tokens.spaceS};
      cursor: pointer;
      /* WCAG 2.5.8: a target at least 24 × 24 CSS px. */
      min-height: 24px;
      min-width: 24px;
    }
    .drop-line {
      position: absolute;
      inset-inline: 0;
      height: 3px;
      background: ${tokens.colorFocus};
      pointer-events: none;
    }
    [role='menu'] {
      position: fixed;
      z-index: 10;
      min-width: 12rem;
      padding: ${tokens.spaceXs} 0;
      background: ${tokens.colorSurface};
      border: 1px solid ${tokens.colorBorder};
      border-radius: ${tokens.radius};
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
    }
    [role='menuitem'] {
      padding: ${tokens.spaceXs} ${tokens.spaceM};
      cursor: pointer;
    }
    [role='menuitem']:hover,
    [role='menuitem']:focus {
      background: ${tokens.colorPrimary};
      color: ${tokens.colorOnPrimary};
    }
    .notice {
      display: flex;
      justify-content: space-between;
      gap: ${tokens.spaceM};
      margin-block-end: ${tokens.spaceM};
      padding: ${tokens.spaceS} ${tokens.spaceM};
      border: 1px solid ${tokens.colorDanger};
      border-radius: ${tokens.radius};
      color: ${tokens.colorDanger};
    }
  `,
];
