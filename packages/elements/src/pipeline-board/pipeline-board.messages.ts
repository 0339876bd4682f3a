import type { Catalogue } from '../base/localize.js';

const en = {
  board: 'Deal pipeline',
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
};

const es: typeof en = {
  board: 'Embudo de operaciones',
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
  filterDealType: 'Tipo de operación',
  allDealTypes: 'Todos los tipos',
  filterText: 'Filtrar operaciones',
  filterTextPlaceholder: 'Dirección, ciudad o título',
  deals: (count: number, shown: string) => (count === 1 ? '1 operación' : `${shown} operaciones`),
  total: 'Total',
  weighted: 'Ponderado',
  value: 'Valor',
  profit: 'Beneficio est.',
  score: 'Puntuación',
  daysInStage: (days: number) => (days === 1 ? '1 día en la etapa' : `${days} días en la etapa`),
  stale: 'Estancada',
  staleTitle: (days: number) => `Sin cambios desde hace ${days} días`,
  untitled: 'Operación sin título',
  moveTo: 'Mover a…',
  moveDealTo: (deal: string) => `Mover ${deal} a…`,
  dealInParentheses: (deal: string) => ` (${deal})`,
  keyboardHelp:
    'Las flechas pasan de una tarjeta a otra. Alt con una flecha mueve la tarjeta: arriba y abajo dentro de su etapa, izquierda y derecha a la etapa vecina. Intro abre la tarjeta.',
  moved: (deal: string, stage: string, position: number, count: number) =>
    `${deal} movida a ${stage}, posición ${position} de ${count}.`,
  moveRefused: (deal: string, stage: string, back: string, reason: string) =>
    `No se pudo mover ${deal} a ${stage}: ${reason}. Vuelve a estar en ${back}.`,
  dismiss: 'Cerrar',
};

export const messages: Catalogue<typeof en> = { en, es };
export type BoardMessages = typeof en;
