import { leadStatusLabels } from '../base/domain-labels.js';
import type { Catalogue } from '../base/localize.js';

const en = {
  unnamed: 'Unnamed lead',
  loading: 'Loading the lead…',
  notFound: 'This lead no longer exists.',
  loadFailed: (reason: string) => `Could not load the lead: ${reason}.`,
  contact: 'Contact',
  email: 'Email',
  phone: 'Phone',
  noContact: 'No email or phone.',
  property: 'Property',
  motivation: 'Motivation',
  status: 'Status',
  statusSaved: (status: string) => `Status changed to ${status}.`,
  statusRefused: (reason: string) => `Could not change the status: ${reason}.`,
  score: 'Score',
  notScored: 'Not scored yet.',
  scoreOutOf: (score: string) => `${score} of 100`,
  why: 'Why',
  enrichment: 'Enrichment',
  from: (source: string, date: string) => `From ${source}, ${date}`,
  ...leadStatusLabels.en,
};

export const messages: Catalogue<typeof en> = {
  en,
  es: {
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
    ...leadStatusLabels.es,
  },
};
export type LeadDetailMessages = typeof en;
