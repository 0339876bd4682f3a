/**
 * The wire contract of the Hidden Key API, once: the server validates requests and builds its
 * OpenAPI document from these schemas, the client validates responses with them, and the elements
 * validate forms with them. Field names are snake_case, as on the wire.
 */
export * from './contract.js';
export * from './phone.js';
