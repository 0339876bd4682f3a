/**
 * Names of the contract's stages, deal types and lead statuses, shared by every component that
 * shows them, so the board, the list and the detail views always call a thing the same.
 * Components spread these into their own catalogues (`...dealLabels`, and `...dealLabelsEs` from
 * domain-labels.es.ts in their Spanish one).
 */
export const dealLabels = {
  stage_prospecting: 'Prospecting',
  stage_qualified: 'Qualified',
  stage_proposal: 'Proposal',
  stage_negotiation: 'Negotiation',
  stage_due_diligence: 'Due diligence',
  stage_closing: 'Closing',
  stage_won: 'Won',
  stage_lost: 'Lost',
  deal_type_wholesale: 'Wholesale',
  deal_type_fix_and_flip: 'Fix and flip',
  deal_type_buy_and_hold: 'Buy and hold',
  deal_type_brrrr: 'BRRRR',
};

export type DealLabels = typeof dealLabels;

export const leadStatusLabels = {
  status_new: 'New',
  status_contacted: 'Contacted',
  status_qualified: 'Qualified',
  status_converted: 'Converted',
  status_lost: 'Lost',
};

export type LeadStatusLabels = typeof leadStatusLabels;

/**
 * Why a call failed when the server gave no reason a person can act on (it was never reached, or
 * it is busy or down for a moment); `failureText(error, this.t)` picks one. Components that call the
 * API spread these into their catalogues as they do the labels above.
 */
export const failureLabels = {
  failure_offline: 'Hidden Key cannot be reached; check the connection and try again',
  failure_busy: 'there have been too many requests just now; wait a moment and try again',
  failure_unavailable: 'Hidden Key is unavailable for a moment; try again shortly',
};

export type FailureLabels = typeof failureLabels;
