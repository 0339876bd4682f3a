import { eq } from 'drizzle-orm';
import type { AppDeps } from '../context.js';
import { apiKeys, organizations } from '../db/schema.js';
import { normalizeOrigin } from './allowed-origins.js';
import { generateKey, type KeyType } from './api-keys.js';

export interface NewApiKey {
  organizationId: string;
  type: KeyType;
  /** Browser origins a publishable key may be used from; secret keys take none. */
  allowedOrigins?: readonly string[];
}

export interface IssuedApiKey {
  id: string;
  organization_id: string;
  type: KeyType;
  /** The key itself: only its hash is stored, so this is the one time it can be read. */
  key: string;
  prefix: string;
  allowed_origins: string[];
}

/** Issues a key for an existing organisation; origins are normalised and checked first. */
export async function issueApiKey(
  deps: Pick<AppDeps, 'db' | 'clock' | 'newId' | 'hashKey'>,
  input: NewApiKey,
): Promise<IssuedApiKey> {
  const allowedOrigins = [...new Set((input.allowedOrigins ?? []).map(normalizeOrigin))];
  if (input.type === 'publishable' && allowedOrigins.length === 0) {
    throw new Error('A publishable key needs at least one allowed origin');
  }
  if (input.type === 'secret' && allowedOrigins.length > 0) {
    throw new Error('Secret keys are not used from browsers: give origins to publishable keys only');
  }
  const [organization] = await deps.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId))
    .limit(1);
  if (!organization) throw new Error(`No organisation ${input.organizationId}`);
  const { key, prefix } = generateKey(input.type);
  const id = deps.newId();
  await deps.db.insert(apiKeys).values({
    id,
    organizationId: input.organizationId,
    type: input.type,
    prefix,
    hash: deps.hashKey(key),
    allowedOrigins,
    createdAt: deps.clock(),
  });
  return {
    id,
    organization_id: input.organizationId,
    type: input.type,
    key,
    prefix,
    allowed_origins: allowedOrigins,
  };
}
