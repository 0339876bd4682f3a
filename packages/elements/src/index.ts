export * from './base/index.js';
export type {
  AnalysisChangeDetail,
  AnalysisSavedDetail,
  DealCalculatorClient,
} from './deal-calculator/deal-calculator.js';
export { HkDealCalculator } from './deal-calculator/deal-calculator.js';
export type { LeadFailedDetail, LeadQueuedDetail, LeadSubmittedDetail } from './lead-form/lead-form.js';
export { HkLeadForm } from './lead-form/lead-form.js';
