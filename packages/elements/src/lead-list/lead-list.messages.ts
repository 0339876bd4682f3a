import { failureLabels, leadStatusLabels } from '../base/domain-labels.js';
import type { Catalogue } from '../base/localize.js';

const en = {
  list: 'Leads',
  filterStatus: 'Status',
  filterSource: 'Source',
  filterPriority: 'Priority',
  any: 'Any',
  search: 'Search leads',
  searchPlaceholder: 'Name, email or address',
  sortBy: 'Sort by',
  columnName: 'Name',
  columnStatus: 'Status',
  columnPriority: 'Priority',
  columnSource: 'Source',
  columnScore: 'Score',
  columnCreated: 'Created',
  ...leadStatusLabels,
  ...failureLabels,
  priority_low: 'Low',
  priority_medium: 'Medium',
  priority_high: 'High',
  priority_urgent: 'Urgent',
  'sort_-priority': 'Priority, then newest',
  'sort_-created_at': 'Newest first',
  sort_created_at: 'Oldest first',
  'sort_-score': 'Highest score',
  'sort_-updated_at': 'Recently updated',
  statusOf: (name: string) => `Status of ${name}`,
  scoreLabel: (score: string) => `Score ${score}`,
  noScore: 'Not scored',
  unnamed: 'Unnamed lead',
  shown: (count: number, more: boolean) => `${count}${more ? '+' : ''} ${count === 1 ? 'lead' : 'leads'}`,
  empty: 'No leads match.',
  loading: 'Loading…',
  statusRefused: (name: string, reason: string) => `Could not change the status of ${name}: ${reason}.`,
  dismiss: 'Dismiss',
  notLoaded: 'Leads not loaded.',
  problem_offline: 'Cannot reach Hidden Key. Check the connection and try again.',
  problem_unauthorized: 'Your session has ended or is not valid: sign in again to see the leads.',
  problem_refused: (detail: string) => `Could not load leads: ${detail}.`,
  retry: 'Try again',
};

export type LeadListMessages = typeof en;

/** English is built in; other languages load when an element first needs them. */
export const messages: Catalogue<LeadListMessages> = { en, es: () => import('./lead-list.messages.es.js') };
