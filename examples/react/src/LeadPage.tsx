// A React 19 page with the Hidden Key elements. One type import puts every <hk-*> tag, with its
// attributes, into React's JSX; one side-effect import per tag registers the element.
import type {} from '@hidden-key/elements/react';
import '@hidden-key/elements/lead-form/lead-form.define.js';
import '@hidden-key/elements/deal-calculator/deal-calculator.define.js';

export function LeadPage({ publishableKey, apiUrl }: { publishableKey: string; apiUrl: string }) {
  return (
    <main>
      <h1>Sell your house</h1>
      <hk-lead-form publishable-key={publishableKey} base-url={apiUrl}></hk-lead-form>
      <h2>What is it worth to an investor?</h2>
      <hk-deal-calculator></hk-deal-calculator>
    </main>
  );
}
