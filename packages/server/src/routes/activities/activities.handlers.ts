import { activityStore } from '../../services/activities/activity-store.js';
import { sendSmsDraft } from '../../services/messaging/send-sms-draft.js';
import { patchResource } from '../../services/store.js';
import { envelope, type Router, scopeOf, write } from '../openapi.js';
import {
  createActivityRoute,
  deleteActivityRoute,
  getActivityRoute,
  listActivitiesRoute,
  sendActivityRoute,
  updateActivityRoute,
} from './activities.routes.js';

export function registerActivityRoutes(router: Router) {
  router.openapi(createActivityRoute, async (c) => {
    const input = c.req.valid('json');
    const { body, status } = await write(c, 201, (tx, scope) => activityStore.create(tx, scope, input));
    return c.json(body, status);
  });

  router.openapi(listActivitiesRoute, async (c) => {
    const page = await activityStore.list(c.var.deps.db, scopeOf(c), c.req.valid('query'));
    return c.json(envelope(c, page), 200);
  });

  router.openapi(getActivityRoute, async (c) => {
    const activity = await activityStore.get(c.var.deps.db, scopeOf(c), c.req.valid('param').id);
    return c.json(envelope(c, activity), 200);
  });

  router.openapi(updateActivityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { body, status } = await write(c, 200, (tx, scope) =>
      patchResource(activityStore, tx, scope, id, patch),
    );
    return c.json(body, status);
  });

  router.openapi(deleteActivityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { body, status } = await write(c, 200, (tx, scope) => activityStore.remove(tx, scope, id));
    return c.json(body, status);
  });

  router.openapi(sendActivityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const sent = await sendSmsDraft(c.var.deps, c.var.auth.organizationId, id, c.req.raw.signal);
    return c.json(envelope(c, sent), 200);
  });
}
