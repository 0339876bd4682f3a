import { Activity } from '@hidden-key/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';

const server = useTestServer();

describe('activities', () => {
  it('logs, reads, completes and deletes an activity tied to a lead and a deal', async () => {
    const org = await server.newOrg();
    const lead = (await org.call('POST', '/v1/leads', { contact: { name: 'Seller' } })).body.data;
    const deal = (await org.call('POST', '/v1/opportunities', { lead_id: lead.id })).body.data;
    const created = await org.call('POST', '/v1/activities', {
      type: 'call',
      subject: 'Intro call',
      lead_id: lead.id,
      opportunity_id: deal.id,
      scheduled_at: '2026-12-01T15:00:00Z',
      metadata: { duration_minutes: 10 },
    });
    expect(created.status).toBe(201);
    const activity = Activity.parse(created.body.data);
    expect(activity).toMatchObject({
      status: 'pending',
      completed_at: null,
      scheduled_at: '2026-12-01T15:00:00.000Z',
    });

    const completed = await org.call('PATCH', `/v1/activities/${activity.id}`, {
      status: 'completed',
      metadata: { outcome: 'ok' },
    });
    expect(completed.status).toBe(200);
    expect(completed.body.data.completed_at).not.toBeNull();
    expect(completed.body.data.metadata).toEqual({ duration_minutes: 10, outcome: 'ok' });

    const byLead = await org.call('GET', `/v1/activities?lead_id=${lead.id}&type=call&status=completed`);
    expect(byLead.body.data.items.map((item: { id: string }) => item.id)).toEqual([activity.id]);
    expect((await org.call('GET', '/v1/activities?type=email')).body.data.items).toEqual([]);

    expect((await org.call('DELETE', `/v1/activities/${activity.id}`)).status).toBe(200);
    expect((await org.call('GET', `/v1/activities/${activity.id}`)).status).toBe(404);
  });

  it('validates type and references, and hides other organisations’ activities', async () => {
    const owner = await server.newOrg();
    const other = await server.newOrg();
    const bad = await owner.call('POST', '/v1/activities', { type: 'fax', scheduled_at: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details).sort()).toEqual(['scheduled_at', 'type']);
    const lead = (await owner.call('POST', '/v1/leads', { contact: { name: 'Seller' } })).body.data;
    const foreignRef = await other.call('POST', '/v1/activities', { type: 'note', lead_id: lead.id });
    expect(foreignRef.status).toBe(400);
    const note = (await owner.call('POST', '/v1/activities', { type: 'note', description: 'hi' })).body.data;
    expect((await other.call('GET', `/v1/activities/${note.id}`)).status).toBe(404);
    expect((await other.call('PATCH', `/v1/activities/${note.id}`, { subject: 'x' })).status).toBe(404);
    expect((await other.call('DELETE', `/v1/activities/${note.id}`)).status).toBe(404);
    expect((await other.call('GET', '/v1/activities')).body.data.items).toEqual([]);
  });

  it('writes an event with every change, in the same transaction', async () => {
    const org = await server.newOrg();
    const note = (await org.call('POST', '/v1/activities', { type: 'note' })).body.data;
    await org.call('PATCH', `/v1/activities/${note.id}`, { subject: 'x' });
    await org.call('DELETE', `/v1/activities/${note.id}`);
    const { events } = await import('../../db/schema.js');
    const { eq, asc } = await import('drizzle-orm');
    const rows = await server.deps.db
      .select({ type: events.type, resourceId: events.resourceId })
      .from(events)
      .where(eq(events.organizationId, org.organization_id))
      .orderBy(asc(events.id));
    expect(rows).toEqual([
      { type: 'activity.created', resourceId: note.id },
      { type: 'activity.updated', resourceId: note.id },
      { type: 'activity.deleted', resourceId: note.id },
    ]);
  });
});
