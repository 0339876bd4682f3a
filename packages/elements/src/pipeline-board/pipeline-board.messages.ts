import { dealLabels, failureLabels } from '../base/domain-labels.js';
import type { Catalogue } from '../base/localize.js';

const en = {
  board: 'Deal pipeline',
  ...dealLabels,
  ...failureLabels,
  filterDealType: 'Deal type',
  allDealTypes: 'All deal types',
  filterText: 'Filter deals',
  filterTextPlaceholder: 'Address, city or title',
  deals: (count: number, shown: string) => (count === 1 ? '1 deal' : `${shown} deals`),
  total: 'Total',
  weighted: 'Weighted',
  value: 'Value',
  profit: 'Est. profit',
  score: 'Score',
  daysInStage: (days: number) => (days === 1 ? '1 day in stage' : `${days} days in stage`),
  stale: 'Stale',
  staleTitle: (days: number) => `No change for ${days} days`,
  untitled: 'Untitled deal',
  moveTo: 'Move to…',
  moveDealTo: (deal: string) => `Move ${deal} to…`,
  dealInParentheses: (deal: string) => ` (${deal})`,
  keyboardHelp:
    'Arrow keys go from card to card. Alt with an arrow key moves the card: up and down within its stage, left and right to the neighbouring stage. Enter opens the card.',
  moved: (deal: string, stage: string, position: number, count: number) =>
    `${deal} moved to ${stage}, position ${position} of ${count}.`,
  moveRefused: (deal: string, stage: string, back: string, reason: string) =>
    `Could not move ${deal} to ${stage}: ${reason}. It is back in ${back}.`,
  dismiss: 'Dismiss',
  loading: 'Loading…',
  notLoaded: 'Not loaded',
  problem_offline: 'Cannot reach Hidden Key. Check the connection and try again.',
  problem_unauthorized: 'Your session has ended or is not valid: sign in again to see the pipeline.',
  problem_refused: (detail: string) => `Could not load the pipeline: ${detail}.`,
  retry: 'Try again',
  addTo: (stage: string) => `Add a deal to ${stage}`,
  addTitle: 'Address or title',
  addSave: 'Add deal',
  addCancel: 'Cancel',
  addNeedsTitle: 'Give the deal an address or a title.',
  addRefused: (reason: string) => `Could not add the deal: ${reason}.`,
  added: (deal: string, stage: string) => `${deal} added to ${stage}.`,
};

export type BoardMessages = typeof en;

/** English is built in; other languages load when an element first needs them. */
export const messages: Catalogue<BoardMessages> = { en, es: () => import('./pipeline-board.messages.es.js') };
