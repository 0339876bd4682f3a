import { OPPORTUNITY_STAGES, type Pipeline, STAGE_PROBABILITY } from '@hidden-key/sdk/schemas';
import { count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { opportunities } from '../../db/schema.js';

/**
 * Per-stage deal count and value. A deal's value is its property value, or its offer when the
 * property value is unknown; the weighted value multiplies by the stage's closing probability.
 */
export async function pipelineSummary(db: Executor, organizationId: string): Promise<Pipeline> {
  const rows = await db
    .select({
      stage: opportunities.stage,
      count: count(),
      total: sql<number>`coalesce(sum(coalesce(${opportunities.propertyValue}, ${opportunities.offerAmount}, 0)), 0)::double precision`,
    })
    .from(opportunities)
    .where(eq(opportunities.organizationId, organizationId))
    .groupBy(opportunities.stage);
  const byStage = new Map(rows.map((row) => [row.stage, row]));
  const stages = OPPORTUNITY_STAGES.map((stage) => {
    const row = byStage.get(stage);
    const total = Number(row?.total ?? 0);
    const probability = STAGE_PROBABILITY[stage];
    return {
      stage,
      count: Number(row?.count ?? 0),
      total_value: total,
      weighted_value: total * probability,
      probability,
    };
  });
  return {
    stages,
    total_count: stages.reduce((sum, stage) => sum + stage.count, 0),
    total_value: stages.reduce((sum, stage) => sum + stage.total_value, 0),
    weighted_value: stages.reduce((sum, stage) => sum + stage.weighted_value, 0),
  };
}
