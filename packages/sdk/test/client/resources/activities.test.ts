import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/client/index.js';
import { type Transport, useRealServer } from '../support/real-server.js';

describe.each<Transport>(['in-process', 'socket'])('activities against the real app (%s)', (transport) => {
  const server = useRealServer(transport);

  it('logs, completes, filters and deletes activities', async () => {
    const hk = server.client((await server.newOrg()).secretKey);
    const lead = await hk.leads.create({ contact: { name: 'Caller' } });
    const call = await hk.activities.create({
      type: 'call',
      lead_id: lead.id,
      subject: 'First call',
      metadata: { duration_s: 320 },
    });
    expect(call).toMatchObject({
      status: 'pending',
      type: 'call',
      lead_id: lead.id,
      metadata: { duration_s: 320 },
    });
    await hk.activities.create({ type: 'note', lead_id: lead.id, description: 'Wants to sell before June' });

    const completedAt = new Date().toISOString();
    const done = await hk.activities.update(call.id, { status: 'completed', completed_at: completedAt });
    expect(done.status).toBe('completed');
    expect(new Date(done.completed_at!).getTime()).toBe(new Date(completedAt).getTime());
    expect(await hk.activities.retrieve(call.id)).toMatchObject({ subject: 'First call' });

    expect((await hk.activities.list({ type: 'note' }).toArray()).map((item) => item.type)).toEqual(['note']);
    expect(await hk.activities.list({ lead_id: lead.id, limit: 1 }).toArray()).toHaveLength(2);

    expect(await hk.activities.delete(call.id)).toEqual({ id: call.id, deleted: true });
    await expect(hk.activities.retrieve(call.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
