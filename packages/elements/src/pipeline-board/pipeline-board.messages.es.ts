import { dealLabelsEs, failureLabelsEs } from '../base/domain-labels.es.js';
import type { BoardMessages } from './pipeline-board.messages.js';

const es: BoardMessages = {
  board: 'Embudo de operaciones',
  ...dealLabelsEs,
  ...failureLabelsEs,
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
  problem_offline: 'No se puede conectar con Hidden Key. Compruebe la conexión e inténtelo de nuevo.',
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

export default es;
