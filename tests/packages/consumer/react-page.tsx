// A React 19 page using the elements: `@hidden-key/elements/react` types every <hk-*> tag in JSX.
import type {} from '@hidden-key/elements/react';

export function LeadPage({ publishableKey }: { publishableKey: string }) {
  return (
    <main>
      <hk-lead-form publishable-key={publishableKey} base-url="https://api.example.com"></hk-lead-form>
      <hk-deal-calculator></hk-deal-calculator>
      {/* @ts-expect-error: a tag the package does not define is refused */}
      <hk-not-an-element></hk-not-an-element>
    </main>
  );
}
