import { failureLabels } from '../base/domain-labels.js';
import type { Catalogue } from '../base/localize.js';

const en = {
  ...failureLabels,
  heading: 'Deal narrative',
  intro: 'Dave explains the deal from its numbers; every figure he cites comes from the analysis.',
  explain: 'Explain this deal',
  explainAgain: 'Explain again',
  explaining: 'Analysing…',
  source_openai: 'Written by the model and checked against the analysis.',
  source_template: 'Written from templates (no model configured, or its answer did not check out).',
  failed: (reason: string) => `Could not analyse the deal: ${reason}.`,
};

export type DealNarrativeMessages = typeof en;

/** English is built in; other languages load when an element first needs them. */
export const messages: Catalogue<DealNarrativeMessages> = {
  en,
  es: () => import('./deal-narrative.messages.es.js'),
};
