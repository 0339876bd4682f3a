import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  NotFoundError,
  RequestValidationError,
  UnprocessableEntityError,
} from '../../../src/client/index.js';
import { type Transport, useRealServer } from '../support/real-server.js';

describe.each<Transport>(['in-process', 'socket'])('ai against the real app (%s)', (transport) => {
  const server = useRealServer(transport);

  const newLead = async (hk: ReturnType<typeof server.client>, extra: Record<string, unknown> = {}) =>
    (
      await hk.leads.create({
        contact: { name: 'Ana Lopez', email: `ana.${crypto.randomUUID()}@example.com` },
        property: { address: '4 Pine St', city: 'Ames', state: 'IA', bedrooms: 3, sqft: 1_350 },
        ...extra,
      })
    ).id;

  it('drafts content, analyses a deal, queues an enrichment and reports usage, from templates without a key', async () => {
    const hk = server.client((await server.newOrg()).secretKey);
    const leadId = await newLead(hk);

    const content = await hk.ai.content({ lead_id: leadId, kind: 'follow_up_email', tone: 'professional' });
    expect(content.source).toBe('template');
    expect(content.drafts.length).toBeGreaterThan(0);
    expect(content.drafts[0]!.body).toContain('Ana');
    const saved = await hk.activities.retrieve(content.drafts[0]!.activity_id);
    expect(saved).toMatchObject({ type: 'email', status: 'pending', lead_id: leadId });
    await expect(hk.ai.content({ lead_id: leadId, kind: 'follow_up_sms' })).rejects.toBeInstanceOf(
      UnprocessableEntityError,
    );
    await expect(
      hk.ai.content({ lead_id: leadId, kind: 'poem' as 'follow_up_email' }),
    ).rejects.toBeInstanceOf(RequestValidationError);

    const deal = await hk.ai.analyzeDeal({
      kind: 'wholesale',
      input: { after_repair_value: 200_000, rehab_cost: 30_000, assignment_fee: 10_000 },
    });
    expect(deal.analysis.max_allowable_offer).toBe(100_000);
    expect(deal.narrative).toMatch(/100,000/);
    expect(deal.source).toBe('template');

    const job = await hk.ai.enrich(leadId);
    expect(job).toMatchObject({ name: 'lead.enrich', state: 'queued' });
    expect((await hk.jobs.retrieve(job.id)).id).toBe(job.id);
    expect((await hk.ai.automation(leadId)).enabled).toBe(false);

    const usage = await hk.ai.usage();
    expect(usage.requests).toBeGreaterThanOrEqual(2);
    expect(usage.tokens_used).toBe(0);
    await expect(hk.ai.enrich('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('manages sequences and enrolments: enrol once, stop by hand, list per sequence and per lead', async () => {
    const hk = server.client((await server.newOrg()).secretKey);
    const sequence = await hk.ai.sequences.create({
      name: 'Warm follow-up',
      steps: [
        { channel: 'task', offset_minutes: 60, subject: 'Call the seller' },
        { channel: 'email', offset_minutes: 1_440, tone: 'friendly' },
      ],
    });
    expect(sequence.quiet_hours).toEqual({ start: '21:00', end: '08:00' });
    const renamed = await hk.ai.sequences.update(sequence.id, { name: 'Warmer follow-up' });
    expect(renamed.name).toBe('Warmer follow-up');
    expect((await hk.ai.sequences.list().toArray()).map((item) => item.id)).toEqual([sequence.id]);
    await expect(
      hk.ai.sequences.create({ name: 'No subject', steps: [{ channel: 'task', offset_minutes: 0 }] }),
    ).rejects.toBeInstanceOf(RequestValidationError);

    const leadId = await newLead(hk);
    const enrollment = await hk.ai.sequences.enroll(sequence.id, leadId);
    expect(enrollment).toMatchObject({ state: 'active', next_step: 0, time_zone: 'America/Chicago' });
    expect(Date.parse(enrollment.next_run_at!) - Date.parse(enrollment.enrolled_at)).toBeGreaterThanOrEqual(
      3_600_000,
    );
    await expect(hk.ai.sequences.enroll(sequence.id, leadId)).rejects.toBeInstanceOf(ConflictError);
    const lost = await newLead(hk, { status: 'lost' });
    await expect(hk.ai.sequences.enroll(sequence.id, lost)).rejects.toBeInstanceOf(UnprocessableEntityError);

    const stopped = await hk.ai.sequences.stopEnrollment(enrollment.id);
    expect(stopped).toMatchObject({ state: 'stopped', stop_reason: 'manual', next_run_at: null });
    expect((await hk.ai.sequences.retrieveEnrollment(enrollment.id)).state).toBe('stopped');
    const listed = await hk.ai.sequences.enrollments(sequence.id, { state: 'stopped' }).toArray();
    expect(listed.map((item) => item.id)).toEqual([enrollment.id]);
    expect((await hk.ai.sequences.enrollments(sequence.id, { state: 'active' }).toArray()).length).toBe(0);
    expect((await hk.ai.sequences.ofLead(leadId).toArray()).map((item) => item.id)).toEqual([enrollment.id]);

    expect(await hk.ai.sequences.delete(sequence.id)).toEqual({ id: sequence.id, deleted: true });
    await expect(hk.ai.sequences.retrieveEnrollment(enrollment.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
