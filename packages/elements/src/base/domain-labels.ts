import type { Catalogue } from './localize.js';

/**
 * Names of the contract's stages, deal types and lead statuses, shared by every component that
 * shows them, so the board, the list and the detail views always call a thing the same.
 * Components spread these into their own catalogues (`...dealLabels.en`).
 */
const dealLabelsEn = {
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

export const dealLabels: Catalogue<typeof dealLabelsEn> = {
  en: dealLabelsEn,
  es: {
    stage_prospecting: 'Prospección',
    stage_qualified: 'Calificada',
    stage_proposal: 'Propuesta',
    stage_negotiation: 'Negociación',
    stage_due_diligence: 'Revisión',
    stage_closing: 'Cierre',
    stage_won: 'Ganada',
    stage_lost: 'Perdida',
    deal_type_wholesale: 'Mayorista',
    deal_type_fix_and_flip: 'Reformar y vender',
    deal_type_buy_and_hold: 'Comprar y alquilar',
    deal_type_brrrr: 'BRRRR',
  },
};

const leadStatusLabelsEn = {
  status_new: 'New',
  status_contacted: 'Contacted',
  status_qualified: 'Qualified',
  status_converted: 'Converted',
  status_lost: 'Lost',
};

export const leadStatusLabels: Catalogue<typeof leadStatusLabelsEn> = {
  en: leadStatusLabelsEn,
  es: {
    status_new: 'Nuevo',
    status_contacted: 'Contactado',
    status_qualified: 'Calificado',
    status_converted: 'Convertido',
    status_lost: 'Perdido',
  },
};
