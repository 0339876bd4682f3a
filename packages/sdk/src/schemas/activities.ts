import * as z from 'zod';
import { Id, JsonObject, LongText, PageQuery, Timestamp } from './common.js';

export const ActivityType = z
  .enum(['call', 'email', 'sms', 'meeting', 'note', 'task'])
  .meta({ id: 'ActivityType' });
export type ActivityType = z.infer<typeof ActivityType>;

export const ActivityStatus = z.enum(['pending', 'completed', 'cancelled']).meta({ id: 'ActivityStatus' });
export type ActivityStatus = z.infer<typeof ActivityStatus>;

export const Activity = z
  .object({
    id: Id,
    organization_id: Id,
    type: ActivityType,
    status: ActivityStatus,
    subject: z.string().nullable(),
    description: z.string().nullable(),
    metadata: JsonObject,
    scheduled_at: Timestamp.nullable(),
    completed_at: Timestamp.nullable(),
    assigned_to: z.string().nullable(),
    lead_id: Id.nullable(),
    opportunity_id: Id.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Activity' });
export interface Activity extends z.infer<typeof Activity> {}

const activityWritable = {
  status: ActivityStatus,
  subject: z.string().trim().max(300).nullish(),
  description: LongText.nullish(),
  metadata: JsonObject,
  scheduled_at: Timestamp.nullish(),
  completed_at: Timestamp.nullish(),
  assigned_to: z.string().trim().max(200).nullish(),
  lead_id: Id.nullish(),
  opportunity_id: Id.nullish(),
};

export const ActivityCreate = z
  .strictObject({
    ...activityWritable,
    type: ActivityType,
    status: ActivityStatus.default('pending'),
    metadata: JsonObject.optional(),
  })
  .meta({ id: 'ActivityCreate' });
export interface ActivityCreate extends z.input<typeof ActivityCreate> {}

export const ActivityUpdate = z
  .strictObject({
    ...activityWritable,
    type: ActivityType.optional(),
    status: ActivityStatus.optional(),
    metadata: JsonObject.optional(),
  })
  .meta({ id: 'ActivityUpdate' });
export interface ActivityUpdate extends z.input<typeof ActivityUpdate> {}

export const ActivityListQuery = PageQuery.extend({
  type: ActivityType.optional().meta({ description: 'Only activities of this type.' }),
  status: ActivityStatus.optional().meta({ description: 'Only activities in this status.' }),
  lead_id: Id.optional().meta({ description: "Only the lead's activities." }),
  opportunity_id: Id.optional().meta({ description: "Only the deal's activities." }),
});
export interface ActivityListQuery extends z.input<typeof ActivityListQuery> {}
