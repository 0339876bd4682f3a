import { and, eq, inArray } from 'drizzle-orm';
import { jobs, leads } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { automationSettings } from '../../services/automation/automation-settings.js';
import { LEAD_AUTOMATION_JOB, stepKey } from '../../services/automation/lead-automation.job.js';
import { envelope, type Router } from '../openapi.js';
import { getLeadAutomationRoute } from './lead-automation.routes.js';

export function registerLeadAutomationRoutes(router: Router) {
  router.openapi(getLeadAutomationRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { organizationId } = c.var.auth;
    const { db } = c.var.deps;
    const [lead] = await db
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.id, id), eq(leads.organizationId, organizationId)));
    if (!lead) throw notFound('Lead');
    const settings = await automationSettings(db, organizationId);
    const rows = await db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.name, LEAD_AUTOMATION_JOB),
          eq(jobs.organizationId, organizationId),
          inArray(
            jobs.key,
            settings.steps.map((step) => stepKey(id, step)),
          ),
        ),
      );
    const steps = settings.steps.map((step) => {
      const job = rows.find((row) => row.key === stepKey(id, step));
      return {
        step,
        state: job?.state ?? ('pending' as const),
        job_id: job?.id ?? null,
        attempts: job?.attempts ?? 0,
        last_error: job?.lastError ?? null,
        result: job?.result ?? null,
      };
    });
    return c.json(envelope(c, { lead_id: id, enabled: settings.enabled, steps }), 200);
  });
}
