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
