/**
 * The wire contract of the Hidden Key API, once: the server validates requests and builds its
 * OpenAPI document from these schemas, the client validates responses with them, and the elements
 * validate forms with them. Field names are snake_case, as on the wire.
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
export * from './models.js';
export * from './opportunities.js';
export * from './phone.js';
export * from './privacy.js';
export * from './sequences.js';
export * from './sessions.js';
export * from './webhooks.js';
