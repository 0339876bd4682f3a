import type { Organization } from '@hidden-key/sdk/schemas';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../context.js';
import type { Executor } from '../db/database.js';
import { apiKeys, organizations } from '../db/schema.js';
import { asSystem } from '../db/tenant.js';
import { notFound } from '../errors.js';
import { generateKey } from './api-keys.js';

export interface NewOrganization {
  name: string;
  /** Default region for phone numbers typed without a country code (ISO 3166 alpha-2). */
  defaultRegion?: string;
  /** Origins the publishable key may be used from; empty means no browser origin is allowed. */
  allowedOrigins?: string[];
  settings?: Record<string, unknown>;
}

export interface CreatedOrganization {
  organization_id: string;
  secret_key: string;
  publishable_key: string;
}

/** An organisation with one secret and one publishable key; the keys are returned once, here. */
export async function createOrganization(
  deps: Pick<AppDeps, 'db' | 'clock' | 'newId' | 'hashKey'>,
  input: NewOrganization,
): Promise<CreatedOrganization> {
  const organizationId = deps.newId();
  const secret = generateKey('secret');
  const publishable = generateKey('publishable');
  const now = deps.clock();
  // A new organisation is no tenant's yet: its row and first keys are written as the system role.
  await asSystem(deps.db, async (tx) => {
    await tx.insert(organizations).values({
      id: organizationId,
      name: input.name,
      defaultRegion: input.defaultRegion ?? 'US',
      settings: input.settings ?? {},
      createdAt: now,
    });
    await tx.insert(apiKeys).values([
      {
        id: deps.newId(),
        organizationId,
        type: 'secret',
        name: 'First secret key (made with the organisation)',
        prefix: secret.prefix,
        hash: deps.hashKey(secret.key),
        createdAt: now,
      },
      {
        id: deps.newId(),
        organizationId,
        type: 'publishable',
        name: 'First publishable key (made with the organisation)',
        prefix: publishable.prefix,
        hash: deps.hashKey(publishable.key),
        allowedOrigins: input.allowedOrigins ?? [],
        createdAt: now,
      },
    ]);
  });
  return { organization_id: organizationId, secret_key: secret.key, publishable_key: publishable.key };
}

/** The organisation's default phone region, read when normalising phone numbers. */
export async function organizationRegion(db: Executor, organizationId: string): Promise<string> {
  const [row] = await db
    .select({ defaultRegion: organizations.defaultRegion })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row?.defaultRegion ?? 'US';
}

/** The organisation as `GET /v1/organization` shows it (its billing plan included). */
export async function findOrganization(db: Executor, organizationId: string): Promise<Organization> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  if (!row) throw notFound('Organization');
  return {
    id: row.id,
    name: row.name,
    default_region: row.defaultRegion,
    plan: row.plan,
    plan_status: row.planStatus,
    created_at: row.createdAt.toISOString(),
  };
}
