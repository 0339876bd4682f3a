import { notFound } from '../../errors.js';
import { findJob, jobToWire } from '../../services/jobs/job-store.js';
import { envelope, type Router } from '../openapi.js';
import { getJobRoute } from './jobs.routes.js';

export function registerJobRoutes(router: Router) {
  router.openapi(getJobRoute, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findJob(c.var.deps.db, id, c.var.auth.organizationId);
    if (!row) throw notFound('Job');
    return c.json(envelope(c, jobToWire(row)), 200);
  });
}
