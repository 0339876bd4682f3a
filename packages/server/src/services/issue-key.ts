import type { ApiKey } from '@hidden-key/sdk/schemas';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../context.js';
import { apiKeys, organizations } from '../db/schema.js';
import { ApiError, validationError } from '../errors.js';
import { checkedOrigins } from './allowed-origins.js';
import { toApiKey } from './api-key-record.js';
import { generateKey, type KeyType } from './api-keys.js';

export interface NewApiKey {
  organizationId: string;
  type: KeyType;
  /** Browser origins a publishable key may be used from; secret keys take none. */
  allowedOrigins?: readonly string[];
  /** What the key is for. */
  name?: string | null;
}

export interface IssuedApiKey extends ApiKey {
  organization_id: string;
  /** The key itself: only its hash is stored, so this is the one time it can be read. */
  key: string;
}

/** A publishable key needs origins and a secret key takes none: the rule every key change keeps. */
export function checkKeyOrigins(type: KeyType, origins: readonly string[]): string[] {
  const allowedOrigins = checkedOrigins(origins);
  const refuse = (message: string) => validationError({ allowed_origins: [message] }, message);
  if (type === 'publishable' && allowedOrigins.length === 0) {
    throw refuse('A publishable key needs at least one allowed origin');
  }
  if (type === 'secret' && allowedOrigins.length > 0) {
    throw refuse('Secret keys are not used from browsers: give origins to publishable keys only');
  }
  return allowedOrigins;
}

/** Issues a key for an existing organisation; origins are normalised and checked first. */
export async function issueApiKey(
  deps: Pick<AppDeps, 'db' | 'clock' | 'newId' | 'hashKey'>,
  input: NewApiKey,
): Promise<IssuedApiKey> {
  const allowedOrigins = checkKeyOrigins(input.type, input.allowedOrigins ?? []);
  const [organization] = await deps.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId))
    .limit(1);
  if (!organization) throw new ApiError('not_found', `No organisation ${input.organizationId}`);
  const { key, prefix } = generateKey(input.type);
  const [row] = await deps.db
    .insert(apiKeys)
    .values({
      id: deps.newId(),
      organizationId: input.organizationId,
      type: input.type,
      prefix,
      name: input.name ?? null,
      hash: deps.hashKey(key),
      allowedOrigins,
      createdAt: deps.clock(),
    })
    .returning();
  return { ...toApiKey(row!), organization_id: input.organizationId, key };
}
