import { dealLabels, failureLabels } from '../base/domain-labels.js';
import type { Catalogue } from '../base/localize.js';

const en = {
  untitled: 'Untitled deal',
  loading: 'Loading the deal…',
  notFound: 'This deal no longer exists.',
  loadFailed: (reason: string) => `Could not load the deal: ${reason}.`,
  stage: 'Stage',
  stageSaved: (stage: string) => `Moved to ${stage}.`,
  stageRefused: (reason: string) => `Could not move the deal: ${reason}.`,
  numbers: 'Numbers',
  dealType: 'Deal type',
  value: 'Value',
  offer: 'Offer',
  profit: 'Estimated profit',
  closeDate: 'Close date',
  inStageSince: 'In this stage since',
  property: 'Property',
  lead: 'Seller',
  openLead: (name: string) => `Open ${name}`,
  analysis: 'Analysis',
  noAnalysis: 'Not analysed yet.',
  analysedAs: (kind: string, date: string) => `Analysed as ${kind} on ${date}.`,
  ...dealLabels,
  ...failureLabels,
};

export type DealDetailMessages = typeof en;

/** English is built in; other languages load when an element first needs them. */
export const messages: Catalogue<DealDetailMessages> = {
  en,
  es: () => import('./deal-detail.messages.es.js'),
};
