import * as z from 'zod';
import { Id, Timestamp } from './common.js';

/** `POST /v1/sessions` (secret key): a short-lived token for a browser portal. */
export const SessionCreate = z
  .strictObject({
    read_only: z.boolean().default(false),
    ttl_seconds: z.number().int().min(60).max(86_400).default(3600),
    subject: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'SessionCreate' });
export interface SessionCreate extends z.input<typeof SessionCreate> {}

export const Session = z
  .object({
    token: z.string(),
    expires_at: Timestamp,
    organization_id: Id,
    read_only: z.boolean(),
  })
  .meta({ id: 'Session' });
export interface Session extends z.infer<typeof Session> {}
