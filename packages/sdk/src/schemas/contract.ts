/**
 * The contract without the phone checker (phone.ts and its libphonenumber metadata): what the
 * validating client bundles, loading the checker only when it first checks a phone.
 */
export * from './activities.js';
export * from './ai.js';
export * from './analysis/index.js';
export * from './api-keys.js';
export * from './common.js';
export * from './envelope.js';
export * from './events.js';
export * from './inbound.js';
export * from './investors.js';
export * from './jobs.js';
export * from './leads.js';
export * from './lists.js';
export * from './models.js';
export * from './opportunities.js';
export * from './organizations.js';
export * from './phone-rule.js';
export * from './privacy.js';
export * from './sequences.js';
export * from './sessions.js';
export * from './webhooks.js';
