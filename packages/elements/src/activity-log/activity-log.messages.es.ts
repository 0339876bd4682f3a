import { failureLabelsEs } from '../base/domain-labels.es.js';
import type { ActivityLogMessages } from './activity-log.messages.js';

const es: ActivityLogMessages = {
  ...failureLabelsEs,
  heading: 'Actividad',
  empty: 'Aún no hay nada registrado.',
  loading: 'Cargando…',
  loadFailed: (reason: string) => `No se pudo cargar la actividad: ${reason}.`,
  logKind: 'Qué pasó',
  kind_call: 'Llamada',
  kind_note: 'Nota',
  summary: 'Resumen',
  summaryPlaceholder: 'Dejé un mensaje de voz; vuelvo a llamar el viernes.',
  log: 'Registrar',
  logging: 'Guardando…',
  logged: 'Registrado.',
  logFailed: (reason: string) => `No se pudo registrar: ${reason}.`,
  needText: 'Escriba primero qué pasó.',
  type_call: 'Llamada',
  type_email: 'Correo',
  type_sms: 'Mensaje de texto',
  type_meeting: 'Reunión',
  type_note: 'Nota',
  type_task: 'Tarea',
};

export default es;
