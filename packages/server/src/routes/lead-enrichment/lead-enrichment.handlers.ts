import { and, eq } from 'drizzle-orm';
import { leads } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { comparableSalesProvider } from '../../services/enrichment/comparable-sales-provider.js';
import { enrichLeadJob } from '../../services/enrichment/enrich-lead.job.js';
import { enqueueJob } from '../../services/jobs/enqueue.js';
import { findJob, jobToWire } from '../../services/jobs/job-store.js';
import { envelope, type Router } from '../openapi.js';
import { enrichLeadRoute } from './lead-enrichment.routes.js';

export function registerLeadEnrichmentRoutes(router: Router) {
  router.openapi(enrichLeadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { organizationId } = c.var.auth;
    const { db, scorers, clock } = c.var.deps;
    const definition = enrichLeadJob({ providers: [comparableSalesProvider()], scorers, clock });
    const jobId = await db.transaction(async (tx) => {
      const [lead] = await tx
        .select({ updatedAt: leads.updatedAt })
        .from(leads)
        .where(and(eq(leads.id, id), eq(leads.organizationId, organizationId)));
      if (!lead) throw notFound('Lead');
      // One job per version of the lead: asking twice before it changes answers the same job.
      const key = `enrich:${id}:${lead.updatedAt.getTime()}`;
      const enqueued = await enqueueJob(
        tx,
        definition,
        { organization_id: organizationId, lead_id: id },
        { organizationId, key },
      );
      return enqueued.id;
    });
    const job = await findJob(db, jobId, organizationId);
    return c.json(envelope(c, jobToWire(job!)), 202);
  });
}
