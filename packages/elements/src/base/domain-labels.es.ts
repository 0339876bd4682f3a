import type { DealLabels, FailureLabels, LeadStatusLabels } from './domain-labels.js';

export const dealLabelsEs: DealLabels = {
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
};

export const leadStatusLabelsEs: LeadStatusLabels = {
  status_new: 'Nuevo',
  status_contacted: 'Contactado',
  status_qualified: 'Calificado',
  status_converted: 'Convertido',
  status_lost: 'Perdido',
};

export const failureLabelsEs: FailureLabels = {
  failure_offline: 'no se puede conectar con Hidden Key; revise la conexión e inténtelo de nuevo',
  failure_busy: 'ha habido demasiadas solicitudes; espere un momento e inténtelo de nuevo',
  failure_unavailable: 'Hidden Key no está disponible en este momento; inténtelo de nuevo en breve',
};
