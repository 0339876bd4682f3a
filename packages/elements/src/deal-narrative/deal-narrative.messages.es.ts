import { failureLabelsEs } from '../base/domain-labels.es.js';
import type { DealNarrativeMessages } from './deal-narrative.messages.js';

const es: DealNarrativeMessages = {
  ...failureLabelsEs,
  heading: 'Análisis narrado',
  intro: 'Dave explica el trato a partir de sus números; cada cifra que cita sale del análisis.',
  explain: 'Explicar este trato',
  explainAgain: 'Explicar de nuevo',
  explaining: 'Analizando…',
  source_openai: 'Escrito por el modelo y comprobado con el análisis.',
  source_template: 'Escrito con plantillas (sin modelo configurado, o su respuesta no cuadraba).',
  failed: (reason: string) => `No se pudo analizar el trato: ${reason}.`,
};

export default es;
