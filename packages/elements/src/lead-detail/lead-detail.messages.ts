import { failureLabels, leadStatusLabels } from '../base/domain-labels.js';
import type { Catalogue } from '../base/localize.js';

const en = {
  unnamed: 'Unnamed lead',
  loading: 'Loading the lead…',
  notFound: 'This lead no longer exists.',
  loadFailed: (reason: string) => `Could not load the lead: ${reason}.`,
  contact: 'Contact',
  email: 'Email',
  phone: 'Phone',
  noContact: 'No email or phone.',
  property: 'Property',
  motivation: 'Motivation',
  status: 'Status',
  statusSaved: (status: string) => `Status changed to ${status}.`,
  statusRefused: (reason: string) => `Could not change the status: ${reason}.`,
  score: 'Score',
  notScored: 'Not scored yet.',
  scoreOutOf: (score: string) => `${score} of 100`,
  why: 'Why',
  enrichment: 'Enrichment',
  from: (source: string, date: string) => `From ${source}, ${date}`,
  ...leadStatusLabels,
  ...failureLabels,
};

export type LeadDetailMessages = typeof en;

/** English is built in; other languages load when an element first needs them. */
export const messages: Catalogue<LeadDetailMessages> = {
  en,
  es: () => import('./lead-detail.messages.es.js'),
};
