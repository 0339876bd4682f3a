import { dealLabelsEs, failureLabelsEs } from '../base/domain-labels.es.js';
import type { DealDetailMessages } from './deal-detail.messages.js';

const es: DealDetailMessages = {
  untitled: 'Operación sin título',
  loading: 'Cargando la operación…',
  notFound: 'Esta operación ya no existe.',
  loadFailed: (reason: string) => `No se pudo cargar la operación: ${reason}.`,
  stage: 'Etapa',
  stageSaved: (stage: string) => `Movida a ${stage}.`,
  stageRefused: (reason: string) => `No se pudo mover la operación: ${reason}.`,
  numbers: 'Cifras',
  dealType: 'Tipo de operación',
  value: 'Valor',
  offer: 'Oferta',
  profit: 'Beneficio estimado',
  closeDate: 'Fecha de cierre',
  inStageSince: 'En esta etapa desde',
  property: 'Propiedad',
  lead: 'Vendedor',
  openLead: (name: string) => `Abrir ${name}`,
  analysis: 'Análisis',
  noAnalysis: 'Aún sin analizar.',
  analysedAs: (kind: string, date: string) => `Analizada como ${kind} el ${date}.`,
  ...dealLabelsEs,
  ...failureLabelsEs,
};

export default es;
