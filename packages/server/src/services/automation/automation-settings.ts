import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { organizations } from '../../db/schema.js';

/** Steve's chain, in order; an organisation may leave steps out. */
export const AUTOMATION_STEPS = ['enrich', 'score', 'draft', 'task'] as const;
export type AutomationStep = (typeof AUTOMATION_STEPS)[number];

export interface AutomationSettings {
  enabled: boolean;
  steps: AutomationStep[];
}

/**
 * `settings.automation` of the organisation: `{ enabled: true, steps?: [...] }` turns the chain on
 * for every new lead (all four steps when `steps` is absent). Off unless an organisation asks.
 */
export async function automationSettings(db: Executor, organizationId: string): Promise<AutomationSettings> {
  const [row] = await db
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return automationFrom(row?.settings);
}

/** The automation settings held in an organisation's `settings` (read elsewhere with other things). */
export function automationFrom(settings: Record<string, unknown> | null | undefined): AutomationSettings {
  const own = (settings?.automation ?? {}) as { enabled?: unknown; steps?: unknown };
  const steps = Array.isArray(own.steps)
    ? AUTOMATION_STEPS.filter((step) => (own.steps as unknown[]).includes(step))
    : [...AUTOMATION_STEPS];
  return { enabled: own.enabled === true && steps.length > 0, steps };
}
