import { failureLabelsEs, leadStatusLabelsEs } from '../base/domain-labels.es.js';
import type { LeadDetailMessages } from './lead-detail.messages.js';

const es: LeadDetailMessages = {
  unnamed: 'Contacto sin nombre',
  loading: 'Cargando el contacto…',
  notFound: 'Este contacto ya no existe.',
  loadFailed: (reason: string) => `No se pudo cargar el contacto: ${reason}.`,
  contact: 'Contacto',
  email: 'Correo',
  phone: 'Teléfono',
  noContact: 'Sin correo ni teléfono.',
  property: 'Propiedad',
  motivation: 'Motivación',
  status: 'Estado',
  statusSaved: (status: string) => `Estado cambiado a ${status}.`,
  statusRefused: (reason: string) => `No se pudo cambiar el estado: ${reason}.`,
  score: 'Puntuación',
  notScored: 'Aún sin puntuar.',
  scoreOutOf: (score: string) => `${score} de 100`,
  why: 'Por qué',
  enrichment: 'Datos ampliados',
  from: (source: string, date: string) => `De ${source}, ${date}`,
  ...leadStatusLabelsEs,
  ...failureLabelsEs,
};

export default es;
