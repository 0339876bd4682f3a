import type { Database } from '../src/db/database.js';
import { recordEvent } from '../src/services/events.js';

/** Commits one `lead.updated` event of the organisation, in a transaction of its own (the realtime tests' writer). */
export const writeEvent = (db: Database, organizationId: string) =>
  db.transaction((tx) =>
    recordEvent(tx, {
      organizationId,
      type: 'lead.updated',
      resourceId: crypto.randomUUID(),
      data: {},
      createdAt: new Date(),
    }),
  );
