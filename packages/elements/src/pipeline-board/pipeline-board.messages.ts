import { dealLabels } from '../base/domain-labels.js';
import type { Catalogue } from '../base/localize.js';

const en = {
  board: 'Deal pipeline',
  ...dealLabels.en,
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
  problem_offline: (detail: string) =>
    `Cannot reach Hidden Key (${detail}). Check the connection and try again.`,
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

const es: typeof en = {
  board: 'Embudo de operaciones',
  ...dealLabels.es,
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
  loading: 'Cargando…',
  notLoaded: 'Sin cargar',
  problem_offline: (detail: string) =>
    `No se puede conectar con Hidden Key (${detail}). Compruebe la conexión e inténtelo de nuevo.`,
  problem_unauthorized: 'Su sesión ha terminado o no es válida: vuelva a iniciar sesión para ver el embudo.',
  problem_refused: (detail: string) => `No se pudo cargar el embudo: ${detail}.`,
  retry: 'Reintentar',
  addTo: (stage: string) => `Añadir una operación a ${stage}`,
  addTitle: 'Dirección o título',
  addSave: 'Añadir',
  addCancel: 'Cancelar',
  addNeedsTitle: 'Indique una dirección o un título.',
  addRefused: (reason: string) => `No se pudo añadir la operación: ${reason}.`,
  added: (deal: string, stage: string) => `${deal} añadida a ${stage}.`,
};

export const messages: Catalogue<typeof en> = { en, es };
export type BoardMessages = typeof en;
