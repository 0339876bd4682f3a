import { css } from 'lit';
import { tokens } from './tokens.js';

/** The declarations of a bordered control (select, input, textarea, button); each component picks its own selector. */
export const controlLook = css`
  font: inherit;
  color: ${tokens.colorText};
  background: ${tokens.colorSurface};
  border: 1px solid ${tokens.colorBorder};
  border-radius: ${tokens.radius};
  padding: ${tokens.spaceXs} ${tokens.spaceS};
  min-height: 24px;
`;
