import type { Property } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { leads } from '../../db/schema.js';
import { recordEvent } from '../events.js';
import { leadColumns, toLead } from '../leads/lead-record.js';
import { scoreNewLead } from '../scoring/score-lead.js';
import type { ScorerCache } from '../scoring/scorer-cache.js';
import type { EnrichmentProvider, EnrichmentResult } from './enrichment-provider.js';

export interface EnrichmentServices {
  providers: readonly EnrichmentProvider[];
  scorers: ScorerCache;
  clock: () => Date;
}

export interface EnrichmentOutcome {
  lead_id: string;
  /** Providers that found something, in order. */
  enriched_by: string[];
  estimated_value: number | null;
  score: number | null;
}

/** The property fields enrichment filled: by which provider, with what (so a later run may update them). */
type FilledFields = Record<string, { by: string; value: unknown }>;
const FILLED = 'filled_fields';

/**
 * Fills the property fields the lead left empty, the first provider that knows one winning. A field
 * enrichment filled earlier may be updated, unless someone has changed it since.
 */
function fillProperty(property: Property, results: [string, EnrichmentResult][], earlier: FilledFields) {
  const next: Record<string, unknown> = { ...property };
  const filled: FilledFields = {};
  const fill = (field: string, value: unknown, by: string) => {
    if (value === undefined || value === null || filled[field]) return;
    const empty = next[field] === undefined || next[field] === null;
    const ours = earlier[field] !== undefined && earlier[field].value === next[field];
    if (!empty && !ours) return;
    next[field] = value;
    filled[field] = { by, value };
  };
  for (const [name, result] of results) {
    for (const [field, value] of Object.entries(result.property_facts)) fill(field, value, name);
    fill('estimated_value', result.estimated_value?.value, name);
  }
  for (const [field, entry] of Object.entries(earlier)) {
    if (!filled[field] && next[field] === entry.value) filled[field] = entry;
  }
  return { property: next as Property, filled };
}

function statedProperty(property: Property, filled: FilledFields): Property {
  const stated: Record<string, unknown> = { ...property };
  for (const [field, entry] of Object.entries(filled)) {
    if (stated[field] === entry.value) delete stated[field];
  }
  return stated as Property;
}

/**
 * Maya: runs every provider on the lead's property, stores each result under its name in
 * `lead.enrichment` (with the time), fills the property fields the lead left empty (the estimated
 * value above all, which scoring reads), re-scores the lead and records `lead.updated`. Running it
 * again gives the same lead: each provider's result replaces its previous one.
 */
export async function enrichLead(
  db: Database,
  services: EnrichmentServices,
  organizationId: string,
  leadId: string,
  signal: AbortSignal,
): Promise<EnrichmentOutcome | null> {
  const scoped = and(eq(leads.id, leadId), eq(leads.organizationId, organizationId));
  const [before] = await db.select(leadColumns).from(leads).where(scoped);
  if (!before) return null;

  // Providers see the property as the lead gave it, not as enrichment filled it: a second run
  // then asks the same question and gives the same answer.
  const stated = statedProperty(
    before.property as Property,
    (before.enrichment[FILLED] as FilledFields) ?? {},
  );
  const results: [string, EnrichmentResult][] = [];
  for (const provider of services.providers) {
    const result = await provider.enrich(stated, { signal });
    if (result) results.push([provider.name, result]);
  }

  return db.transaction(async (tx) => {
    const [row] = await tx.select(leadColumns).from(leads).where(scoped).for('update');
    if (!row) return null;
    const now = services.clock();
    const enrichment: Record<string, unknown> = { ...row.enrichment };
    for (const [name, result] of results) enrichment[name] = { ...result, enriched_at: now.toISOString() };
    const { property, filled } = fillProperty(
      row.property as Property,
      results,
      (row.enrichment[FILLED] as FilledFields | undefined) ?? {},
    );
    enrichment[FILLED] = filled;
    const [updated] = await tx
      .update(leads)
      .set({ enrichment, property, updatedAt: now })
      .where(eq(leads.id, row.id))
      .returning(leadColumns);
    const scored = await scoreNewLead(tx, { organizationId, scorers: services.scorers, now }, updated!);
    const lead = toLead(scored);
    await recordEvent(tx, {
      organizationId,
      type: 'lead.updated',
      resourceId: lead.id,
      data: lead,
      createdAt: now,
    });
    return {
      lead_id: lead.id,
      enriched_by: results.map(([name]) => name),
      estimated_value: lead.property.estimated_value ?? null,
      score: lead.score,
    };
  });
}
