import type { Attribution } from '@hidden-key/sdk/schemas';

const storageKey = 'hk-attribution';
const utmKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

/** Reading `sessionStorage` itself throws in sandboxed frames; then each page load is its own first touch. */
function sessionStore(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Where this visit came from: UTM parameters, referrer and landing page, trimmed to what the
 * server accepts. It is the first touch of the browsing session, so a visitor who arrives from an
 * ad and reaches the form pages later is still credited to the ad; a new UTM-tagged arrival
 * replaces it.
 */
export function captureAttribution(
  location: Location = window.location,
  referrer: string = document.referrer,
  storage: Storage | null = sessionStore(),
): Attribution {
  const params = new URLSearchParams(location.search);
  const current: Attribution = {};
  for (const key of utmKeys) {
    const value = params.get(key)?.trim();
    if (value) current[key] = value.slice(0, 200);
  }
  const campaign = Object.keys(current).length > 0;
  if (referrer) current.referrer = referrer.slice(0, 2048);
  current.landing_page = location.href.slice(0, 2048);

  try {
    const stored = storage?.getItem(storageKey);
    if (stored && !campaign) return JSON.parse(stored);
    storage?.setItem(storageKey, JSON.stringify(current));
  } catch {
    // Storage can be full or hold something unreadable; the current visit is still attributed.
  }
  return current;
}
