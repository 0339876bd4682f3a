import { enrollmentStore } from '../../services/sequences/enrollment-store.js';
import { sequenceStore } from '../../services/sequences/sequence-store.js';
import { patchResource } from '../../services/store.js';
import { envelope, type Router, scopeOf, write } from '../openapi.js';
import {
  createEnrollmentRoute,
  createSequenceRoute,
  deleteSequenceRoute,
  getEnrollmentRoute,
  getSequenceRoute,
  leadSequencesRoute,
  listEnrollmentsRoute,
  listSequencesRoute,
  stopEnrollmentRoute,
  updateSequenceRoute,
} from './sequences.routes.js';

/** Nova: `/v1/sequences`, their enrolments, and a lead's enrolments. */
export function registerSequenceRoutes(router: Router) {
  router.openapi(createSequenceRoute, async (c) => {
    const input = c.req.valid('json');
    const { body, status } = await write(c, 201, (tx, scope) => sequenceStore.create(tx, scope, input));
    return c.json(body, status);
  });

  router.openapi(listSequencesRoute, async (c) => {
    const page = await sequenceStore.list(c.var.deps.db, scopeOf(c), c.req.valid('query'));
    return c.json(envelope(c, page), 200);
  });

  router.openapi(getSequenceRoute, async (c) => {
    const sequence = await sequenceStore.get(c.var.deps.db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, sequence), 200);
  });

  router.openapi(updateSequenceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { body, status } = await write(c, 200, (tx, scope) =>
      patchResource(sequenceStore, tx, scope, id, patch),
    );
    return c.json(body, status);
  });

  router.openapi(deleteSequenceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { body, status } = await write(c, 200, (tx, scope) => sequenceStore.remove(tx, scope, id));
    return c.json(body, status);
  });

  router.openapi(createEnrollmentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { lead_id } = c.req.valid('json');
    const { body, status } = await write(c, 201, (tx, scope) =>
      enrollmentStore.enroll(tx, scope, id, lead_id),
    );
    return c.json(body, status);
  });

  router.openapi(listEnrollmentsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const page = await enrollmentStore.list(c.var.deps.db, scopeOf(c), id, c.req.valid('query'));
    return c.json(envelope(c, page), 200);
  });

  router.openapi(getEnrollmentRoute, async (c) => {
    const enrollment = await enrollmentStore.get(c.var.deps.db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, enrollment), 200);
  });

  router.openapi(stopEnrollmentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { body, status } = await write(c, 200, (tx, scope) => enrollmentStore.stop(tx, scope, id));
    return c.json(body, status);
  });

  router.openapi(leadSequencesRoute, async (c) => {
    const items = await enrollmentStore.ofLead(c.var.deps.db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, { items, next_cursor: null }), 200);
  });
}
