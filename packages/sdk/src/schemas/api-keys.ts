import * as z from 'zod';
import { Id, PageQuery, ShortText, Timestamp } from './common.js';

export const ApiKeyType = z.enum(['publishable', 'secret']).meta({ id: 'ApiKeyType' });
export type ApiKeyType = z.infer<typeof ApiKeyType>;

/** Browser origins (`https://www.example.com`: scheme, host and port) a publishable key may be used from. */
export const AllowedOrigins = z.array(z.string().trim().min(1).max(2048)).max(100);

/** An API key as listed: never the key itself, which is stored hashed and shown once. */
export const ApiKey = z
  .object({
    id: Id,
    type: ApiKeyType,
    /** The key's first characters (`pk_AbC1234`), to tell keys apart. */
    prefix: z.string(),
    name: z.string().nullable(),
    allowed_origins: z.array(z.string()),
    created_at: Timestamp,
    last_used_at: Timestamp.nullable(),
    revoked_at: Timestamp.nullable(),
  })
  .meta({
    id: 'ApiKey',
    description: 'An API key as listed: never the key itself, which is stored hashed and shown once.',
  });
export type ApiKey = z.infer<typeof ApiKey>;

/** `POST /v1/api-keys` answers the key once, in `key`. */
export const ApiKeyWithSecret = ApiKey.extend({ key: z.string() }).meta({
  id: 'ApiKeyWithSecret',
  description: 'The new key, with `key` shown this once.',
});
export type ApiKeyWithSecret = z.infer<typeof ApiKeyWithSecret>;

/** A publishable key needs at least one allowed origin; a secret key takes none. */
export const ApiKeyCreate = z
  .strictObject({
    type: ApiKeyType,
    allowed_origins: AllowedOrigins.optional(),
    name: ShortText.optional(),
  })
  .meta({
    id: 'ApiKeyCreate',
    description: 'A publishable key needs at least one allowed origin; a secret key takes none.',
  });
export type ApiKeyCreate = z.input<typeof ApiKeyCreate>;

/** Only a publishable key's origins and any key's name change; revoke and create to rotate. */
export const ApiKeyUpdate = z
  .strictObject({
    allowed_origins: AllowedOrigins.optional(),
    name: ShortText.nullable().optional(),
  })
  .meta({
    id: 'ApiKeyUpdate',
    description: "Only a publishable key's origins and any key's name change; revoke and create to rotate.",
  });
export type ApiKeyUpdate = z.input<typeof ApiKeyUpdate>;

export const ApiKeyListQuery = PageQuery.extend({
  type: ApiKeyType.optional().meta({ description: 'Only keys of this type.' }),
  /** Revoked keys are listed too unless `false`. */
  include_revoked: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((value) => value === true || value === 'true')
    .optional()
    .meta({ description: 'Revoked keys are listed too unless `false`.' }),
});
export type ApiKeyListQuery = z.input<typeof ApiKeyListQuery>;
