import { failureLabelsEs, leadStatusLabelsEs } from '../base/domain-labels.es.js';
import type { LeadListMessages } from './lead-list.messages.js';

const es: LeadListMessages = {
  list: 'Contactos',
  filterStatus: 'Estado',
  filterSource: 'Origen',
  filterPriority: 'Prioridad',
  any: 'Cualquiera',
  search: 'Buscar contactos',
  searchPlaceholder: 'Nombre, correo o dirección',
  sortBy: 'Ordenar por',
  columnName: 'Nombre',
  columnStatus: 'Estado',
  columnPriority: 'Prioridad',
  columnSource: 'Origen',
  columnScore: 'Puntuación',
  columnCreated: 'Creado',
  ...leadStatusLabelsEs,
  ...failureLabelsEs,
  priority_low: 'Baja',
  priority_medium: 'Media',
  priority_high: 'Alta',
  priority_urgent: 'Urgente',
  'sort_-priority': 'Prioridad y luego más recientes',
  'sort_-created_at': 'Más recientes',
  sort_created_at: 'Más antiguos',
  'sort_-score': 'Mayor puntuación',
  'sort_-updated_at': 'Actualizados recientemente',
  statusOf: (name: string) => `Estado de ${name}`,
  scoreLabel: (score: string) => `Puntuación ${score}`,
  noScore: 'Sin puntuar',
  unnamed: 'Contacto sin nombre',
  shown: (count: number, more: boolean) =>
    `${count}${more ? '+' : ''} ${count === 1 ? 'contacto' : 'contactos'}`,
  empty: 'Ningún contacto coincide.',
  loading: 'Cargando…',
  statusRefused: (name: string, reason: string) => `No se pudo cambiar el estado de ${name}: ${reason}.`,
  dismiss: 'Cerrar',
  notLoaded: 'Contactos sin cargar.',
  problem_offline: 'No se puede conectar con Hidden Key. Compruebe la conexión e inténtelo de nuevo.',
  problem_unauthorized:
    'Su sesión ha terminado o no es válida: vuelva a iniciar sesión para ver los contactos.',
  problem_refused: (detail: string) => `No se pudieron cargar los contactos: ${detail}.`,
  retry: 'Reintentar',
};

export default es;
