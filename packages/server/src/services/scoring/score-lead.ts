import { randomUUID } from 'node:crypto';
import { describeLeadFeature, explain, featuresFromLead, type LeadForScoring } from '@hidden-key/scoring';
import type { Lead, ScoreDetails } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/database.js';
import { leads, mlFeatures } from '../../db/schema.js';
import { ApiError, notFound } from '../../errors.js';
import { recordEvent } from '../events.js';
import { type LeadRow, leadColumns, toLead } from '../leads/lead-record.js';
import { IncompatibleModelError, type LoadedModel, type ScorerCache } from './scorer-cache.js';

const TOP_REASONS = 3;

/** Scores a lead as known at `now`: `score` is the probability of converting × 100. */
export function scoreWithModel(
  loaded: LoadedModel,
  lead: LeadForScoring,
  now: Date,
): { score: number; details: ScoreDetails; features: Float64Array } {
  const features = featuresFromLead(lead, now);
  const probability = loaded.scorer.score(features);
  const explanation = explain(loaded.model, features, { describe: describeLeadFeature, top: TOP_REASONS });
  const contributions = explanation.contributions
    .filter((entry) => entry.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .map(({ feature, value, contribution }) => ({
      feature,
      value: Number.isNaN(value) ? null : value,
      contribution,
    }));
  return {
    features,
    score: Math.min(100, Math.max(0, probability * 100)),
    details: {
      probability,
      model_id: loaded.ref.id,
      model_version: loaded.ref.version,
      scored_at: now.toISOString(),
      reasons: explanation.reasons,
      contributions,
      bias: explanation.bias,
    },
  };
}

async function storeScore(tx: Executor, row: LeadRow, loaded: LoadedModel, now: Date): Promise<LeadRow> {
  const { score, details, features } = scoreWithModel(loaded, toLead(row), now);
  // What was known at scoring time, for drift, live AUC and later training (see ml_features).
  await tx.insert(mlFeatures).values({
    id: randomUUID(),
    organizationId: row.organizationId,
    leadId: row.id,
    modelId: loaded.ref.id,
    features: Array.from(features, (x) => (Number.isNaN(x) ? null : x)),
    probability: details.probability,
    scoredAt: now,
  });
  const [updated] = await tx
    .update(leads)
    .set({ score, scoreDetails: details, updatedAt: now })
    .where(eq(leads.id, row.id))
    .returning(leadColumns);
  return updated!;
}

export interface ScoringContext {
  organizationId: string;
  scorers: ScorerCache;
  now: Date;
}

/**
 * `POST /v1/leads/{id}/score`: scores the organisation's lead with its latest model, stores the
 * score and its explanation, and records `lead.updated` in the same transaction.
 */
export async function scoreLead(tx: Transaction, context: ScoringContext, id: string): Promise<Lead> {
  const { organizationId, now } = context;
  const [row] = await tx
    .select(leadColumns)
    .from(leads)
    .where(and(eq(leads.id, id), eq(leads.organizationId, organizationId)))
    .limit(1)
    .for('update');
  if (!row) throw notFound('Lead');
  const loaded = await loadForScoring(tx, context);
  const lead = toLead(await storeScore(tx, row, loaded, now));
  await recordEvent(tx, { organizationId, type: 'lead.updated', resourceId: id, data: lead, createdAt: now });
  return lead;
}

async function loadForScoring(tx: Transaction, { scorers, organizationId }: ScoringContext) {
  try {
    const loaded = await scorers.forOrganization(tx, organizationId);
    if (loaded) return loaded;
  } catch (error) {
    if (!(error instanceof IncompatibleModelError)) throw error;
    throw new ApiError('conflict', `The organisation's latest model cannot be used (${error.message}).`);
  }
  throw new ApiError(
    'conflict',
    `This organisation has no scoring model yet. Train one first: hk-server model train --org ${organizationId}`,
  );
}

/**
 * Scores a lead that was just created or merged, when its organisation has a model. Never fails
 * the write it follows: a scoring error is logged and the lead keeps the score it had.
 */
export async function scoreNewLead(tx: Transaction, context: ScoringContext, row: LeadRow): Promise<LeadRow> {
  try {
    const loaded = await context.scorers.forOrganization(tx, context.organizationId);
    return loaded ? await storeScore(tx, row, loaded, context.now) : row;
  } catch (error) {
    console.error(`hk-server: could not score lead ${row.id}: ${(error as Error).message}`);
    return row;
  }
}
