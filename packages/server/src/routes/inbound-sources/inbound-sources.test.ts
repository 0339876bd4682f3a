import { CreatedInboundSource, InboundSource } from '@hidden-key/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';

const server = useTestServer();

describe('/v1/inbound-sources', () => {
  it('creates a source with its secret shown once, then lists, renames, disables and deletes it', async () => {
    const org = await server.newOrg();
    const created = await org.call('POST', '/v1/inbound-sources', { name: 'Partner CRM' });
    expect(created.status).toBe(201);
    const source = CreatedInboundSource.parse(created.body.data);
    expect(source).toMatchObject({ name: 'Partner CRM', lead_source: 'inbound', disabled: false });
    expect(source.secret).toMatch(/^whsec_/);

    const shown = await org.call('GET', `/v1/inbound-sources/${source.id}`);
    expect(InboundSource.strict().parse(shown.body.data)).not.toHaveProperty('secret');
    const listed = await org.call('GET', '/v1/inbound-sources');
    expect(listed.body.data.items.map((item: { id: string }) => item.id)).toEqual([source.id]);
    expect(JSON.stringify(listed.body)).not.toContain(source.secret);

    const renamed = await org.call('PATCH', `/v1/inbound-sources/${source.id}`, {
      name: 'Zapier',
      lead_source: 'zapier',
      disabled: true,
    });
    expect(renamed.body.data).toMatchObject({ name: 'Zapier', lead_source: 'zapier', disabled: true });
    expect((await org.call('DELETE', `/v1/inbound-sources/${source.id}`)).status).toBe(200);
    expect((await org.call('GET', `/v1/inbound-sources/${source.id}`)).status).toBe(404);
  });

  it('keeps organisations apart and refuses bad input', async () => {
    const org = await server.newOrg();
    const other = await server.newOrg();
    const { body } = await org.call('POST', '/v1/inbound-sources', { name: 'Mine' });
    const id = body.data.id;
    expect((await other.call('GET', `/v1/inbound-sources/${id}`)).status).toBe(404);
    expect((await other.call('PATCH', `/v1/inbound-sources/${id}`, { name: 'Taken' })).status).toBe(404);
    expect((await other.call('DELETE', `/v1/inbound-sources/${id}`)).status).toBe(404);
    expect((await other.call('GET', '/v1/inbound-sources')).body.data.items).toEqual([]);
    const invalid = await org.call('POST', '/v1/inbound-sources', { name: '', secret: 'whsec_mine' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('validation_error');
    expect((await org.call('GET', `/v1/inbound-sources/${id}`)).body.data.name).toBe('Mine');
  });
});
