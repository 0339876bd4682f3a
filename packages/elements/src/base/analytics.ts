declare global {
  interface Window {
    dataLayer?: unknown[];
  }
}

/**
 * Tells the host page's analytics about an element event without any callback wiring: Google Tag
 * Manager and most tag managers read `window.dataLayer`, so the event is pushed there when the
 * page has one. Never pass personal data here.
 */
export function pushAnalyticsEvent(event: string, properties: Record<string, string | number | boolean>) {
  if (Array.isArray(window.dataLayer)) window.dataLayer.push({ event, ...properties });
}
