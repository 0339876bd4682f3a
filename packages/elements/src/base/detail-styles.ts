import { css } from 'lit';
import { controlLook } from './control-styles.js';
import { tokens } from './tokens.js';

/** The shared look of the lead and deal details: a panel of titled sections and fact lists. */
export const detailStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  header h2 {
    margin: 0;
    font-size: 1.25em;
    overflow-wrap: anywhere;
  }
  .sub {
    margin: ${tokens.spaceXs} 0 0;
    color: ${tokens.colorMuted};
  }
  section {
    margin-block-start: ${tokens.spaceL};
  }
  h3 {
    margin: 0 0 ${tokens.spaceS};
    font-size: 1em;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
    gap: ${tokens.spaceS} ${tokens.spaceM};
    margin: 0;
  }
  .facts dt {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: ${tokens.spaceXs};
    font-weight: 500;
  }
  select,
  input,
  textarea,
  button {
    ${controlLook}
  }
  a {
    color: ${tokens.colorPrimary};
  }
  ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .bad {
    color: ${tokens.colorDanger};
  }
  .score {
    font-size: 1.5em;
    font-weight: 700;
  }
`;
