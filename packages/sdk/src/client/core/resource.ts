import type { HiddenKeyCore } from '../client.js';

/** Base of every resource: a resource only names verbs, paths and schemas; the client does the rest. */
export abstract class APIResource {
  constructor(protected readonly client: HiddenKeyCore) {}
}

/** An id as a path segment. */
export const segment = (id: string) => encodeURIComponent(id);

/** The answer to a delete. */
export interface Deleted {
  id: string;
  deleted: true;
}
