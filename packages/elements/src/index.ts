export * from './base/index.js';
export type { LeadFailedDetail, LeadQueuedDetail, LeadSubmittedDetail } from './lead-form/lead-form.js';
export { HkLeadForm } from './lead-form/lead-form.js';
