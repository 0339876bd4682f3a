import type { Lead } from '@hidden-key/sdk/schemas';
import { LEAD_ORDER } from './lead-order.js';

/** How many of the newest leads are kept in `localStorage` so a reopened portal paints at once. */
export const RECENT_LEADS_KEPT = 50;

/** The newest leads of one API host, in `localStorage`. */
export class RecentLeadsCache {
  readonly key: string;

  constructor(baseUrl: string) {
    this.key = `hk-recent-leads:${baseUrl}`;
  }

  read(): Lead[] {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) ?? '[]');
      return Array.isArray(stored) ? stored : [];
    } catch {
      return [];
    }
  }

  write(leads: Iterable<Lead>): void {
    const newest = [...leads].sort(LEAD_ORDER['-created_at']).slice(0, RECENT_LEADS_KEPT);
    try {
      localStorage.setItem(this.key, JSON.stringify(newest));
    } catch {
      // Storage full or blocked (private mode): the cache is a nicety, the portal works without it.
    }
  }

  clear(): void {
    localStorage.removeItem(this.key);
  }
}
