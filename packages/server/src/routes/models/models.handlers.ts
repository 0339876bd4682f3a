import { CLOSED_LEAD_STATUSES } from '@hidden-key/sdk/schemas';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { leads } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { enqueueJob } from '../../services/jobs/enqueue.js';
import { findJob, jobToWire } from '../../services/jobs/job-store.js';
import { findModel, listModels } from '../../services/scoring/model-monitor.js';
import { latestModelRef } from '../../services/scoring/model-store.js';
import { retrainModelJob } from '../../services/scoring/retrain-model.job.js';
import { envelope, type Router } from '../openapi.js';
import { getModelRoute, listModelsRoute, retrainModelRoute } from './models.routes.js';

export function registerModelRoutes(router: Router) {
  router.openapi(listModelsRoute, async (c) => {
    const items = await listModels(c.var.deps.db, c.var.auth.organizationId);
    return c.json(envelope(c, { items, next_cursor: null }), 200);
  });

  router.openapi(getModelRoute, async (c) => {
    const model = await findModel(c.var.deps.db, c.var.auth.organizationId, c.req.valid('param').id);
    if (!model) throw notFound('Model');
    return c.json(envelope(c, model), 200);
  });

  router.openapi(retrainModelRoute, async (c) => {
    const { organizationId } = c.var.auth;
    const { db, clock } = c.var.deps;
    const jobId = await db.transaction(async (tx) => {
      // One job per state of what retraining reads: the current model and the last closed lead.
      const current = await latestModelRef(tx, organizationId);
      const [lastClosed] = await tx
        .select({ id: leads.id, updatedAt: leads.updatedAt })
        .from(leads)
        .where(
          and(eq(leads.organizationId, organizationId), inArray(leads.status, [...CLOSED_LEAD_STATUSES])),
        )
        .orderBy(desc(leads.updatedAt), desc(leads.id))
        .limit(1);
      const key = `retrain:${organizationId}:${current?.id ?? 'none'}:${lastClosed?.id ?? 'none'}:${lastClosed?.updatedAt.getTime() ?? 0}`;
      const enqueued = await enqueueJob(
        tx,
        retrainModelJob(clock),
        { organization_id: organizationId },
        { organizationId, key },
      );
      return enqueued.id;
    });
    const job = await findJob(db, jobId, organizationId);
    return c.json(envelope(c, jobToWire(job!)), 202);
  });
}
