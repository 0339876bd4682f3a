import { dealLabels } from '../base/domain-labels.js';
import type { Catalogue } from '../base/localize.js';

const en = {
  untitled: 'Untitled deal',
  loading: 'Loading the deal…',
  notFound: 'This deal no longer exists.',
  loadFailed: (reason: string) => `Could not load the deal: ${reason}.`,
  stage: 'Stage',
  stageSaved: (stage: string) => `Moved to ${stage}.`,
  stageRefused: (reason: string) => `Could not move the deal: ${reason}.`,
  numbers: 'Numbers',
  dealType: 'Deal type',
  value: 'Value',
  offer: 'Offer',
  profit: 'Estimated profit',
  closeDate: 'Close date',
  inStageSince: 'In this stage since',
  property: 'Property',
  lead: 'Seller',
  openLead: (name: string) => `Open ${name}`,
  analysis: 'Analysis',
  noAnalysis: 'Not analysed yet.',
  analysedAs: (kind: string, date: string) => `Analysed as ${kind} on ${date}.`,
  ...dealLabels.en,
};

export const messages: Catalogue<typeof en> = {
  en,
  es: {
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
    ...dealLabels.es,
  },
};
export type DealDetailMessages = typeof en;
