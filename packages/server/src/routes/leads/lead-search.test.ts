import { beforeAll, describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';

const server = useTestServer();

/** DESIGN.md's search: word prefixes, email fragments and phone numbers in any common format. */
describe('GET /v1/leads?q= and GET /v1/investors?q=', () => {
  let org: TestOrg;
  let other: TestOrg;

  beforeAll(async () => {
    org = await server.newOrg();
    other = await server.newOrg();
    for (const body of [
      {
        contact: { name: 'Linda Smith', email: 'LSmith42@Mailbox.org', phone: '(512) 555-0123' },
        property: { address: '12 Oak Street', city: 'Austin' },
      },
      { contact: { name: 'Lindsey Moore', email: 'moore@example.com', phone: '+44 20 7946 0958' } },
      { contact: { name: 'Carl Berg', email: 'carl@example.com' }, property: { address: '9 Elm Road' } },
      { contact: { name: 'Ann Offers', email: 'Ann+Offers@Example.net' } },
    ]) {
      expect((await org.call('POST', '/v1/leads', body)).status).toBe(201);
    }
    await other.call('POST', '/v1/leads', { contact: { name: 'Linda Other', phone: '512-555-0123' } });
    await org.call('POST', '/v1/investors', {
      name: 'Acme Capital',
      contact: { email: 'deals@acme-capital.com', phone: '737 555 0199' },
    });
  });

  const names = async (q: string, resource = 'leads') => {
    const res = await org.call('GET', `/v1/${resource}?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return res.body.data.items
      .map((item: { name?: string; contact: { name: string } }) => item.name ?? item.contact.name)
      .sort();
  };

  it('matches word prefixes as well as whole words', async () => {
    expect(await names('Lind')).toEqual(['Linda Smith', 'Lindsey Moore']);
    expect(await names('linda')).toEqual(['Linda Smith']);
    expect(await names('lind smi')).toEqual(['Linda Smith']);
    expect(await names('aus')).toEqual(['Linda Smith']);
    expect(await names('elm road')).toEqual(['Carl Berg']);
    expect(await names('Lindax')).toEqual([]);
  });

  it('finds emails whole and by fragments of either side', async () => {
    expect(await names('lsmith42@mailbox.org')).toEqual(['Linda Smith']);
    expect(await names('LSMITH42')).toEqual(['Linda Smith']);
    expect(await names('lsmith42@mail')).toEqual(['Linda Smith']);
    expect(await names('mailbox.org')).toEqual(['Linda Smith']);
    expect(await names('@example.com')).toEqual(['Carl Berg', 'Lindsey Moore']);
    // PostgreSQL's parser splits an address at a `+`: its start is then read as words.
    expect(await names('Ann+Offers@Exa')).toEqual(['Ann Offers']);
    expect(await names('lsmith42@mailbox.net')).toEqual([]);
  });

  it('finds phone numbers typed in any common format, whole or by their start', async () => {
    for (const q of [
      '(512) 555-0123',
      '512.555.0123',
      '512-555-0123',
      '5125550123',
      '+1 512 555 0123',
      '+15125550123',
    ]) {
      expect(await names(q), q).toEqual(['Linda Smith']);
    }
    // The local number alone, typed without the area code.
    for (const q of ['555-0123', '555 0123', '5550123']) expect(await names(q), q).toEqual(['Linda Smith']);
    expect(await names('555-0124')).toEqual([]);
    expect(await names('512 555')).toEqual(['Linda Smith']);
    expect(await names('512 555 01')).toEqual(['Linda Smith']);
    expect(await names('512 555 02')).toEqual([]);
    expect(await names('+44 20 7946 0958')).toEqual(['Lindsey Moore']);
    expect(await names('2079460958')).toEqual(['Lindsey Moore']);
    expect(await names('(512) 555-9999')).toEqual([]);
  });

  it("never finds another organisation's leads", async () => {
    expect(await names('Linda Other')).toEqual([]);
    const theirs = await other.call('GET', `/v1/leads?q=${encodeURIComponent('512-555-0123')}`);
    expect(theirs.body.data.items.map((lead: { contact: { name: string } }) => lead.contact.name)).toEqual([
      'Linda Other',
    ]);
  });

  it('reads query syntax as plain words and answers punctuation alone with nothing', async () => {
    expect(await names("lind:* | ! & ' (smith")).toEqual(['Linda Smith']);
    expect(await names('@@@ ---')).toEqual([]);
    expect(await names('\\')).toEqual([]);
  });

  it('reads an empty or blank q as no filter', async () => {
    const all = ['Ann Offers', 'Carl Berg', 'Linda Smith', 'Lindsey Moore'];
    for (const q of ['', ' ', '\t\n']) expect(await names(q), JSON.stringify(q)).toEqual(all);
  });

  it('searches investors the same way', async () => {
    expect(await names('Acm', 'investors')).toEqual(['Acme Capital']);
    expect(await names('acme-capital.com', 'investors')).toEqual(['Acme Capital']);
    expect(await names('(737) 555-0199', 'investors')).toEqual(['Acme Capital']);
    expect(await names('555-0199', 'investors')).toEqual(['Acme Capital']);
    expect(await names('Lind', 'investors')).toEqual([]);
  });
});

describe('q with and without accents', () => {
  it('finds a name either way: accents are folded where stored and where asked', async () => {
    const org = await server.newOrg();
    for (const name of ['José Muñoz', 'Jose Munoz', 'Zoë Łukasz', 'Renée Ç']) {
      expect((await org.call('POST', '/v1/leads', { contact: { name } })).status).toBe(201);
    }
    await org.call('POST', '/v1/investors', { name: 'Société Générale' });
    const names = async (q: string, resource = 'leads') => {
      const res = await org.call('GET', `/v1/${resource}?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      return res.body.data.items
        .map((item: { name?: string; contact?: { name: string } }) => item.name ?? item.contact!.name)
        .sort();
    };
    for (const q of ['jose munoz', 'JOSÉ MUÑOZ', 'José', 'mun', 'Jose\u0301']) {
      expect(await names(q), q).toEqual(['Jose Munoz', 'José Muñoz']);
    }
    expect(await names('zoe lukasz')).toEqual(['Zoë Łukasz']);
    expect(await names('RENEE')).toEqual(['Renée Ç']);
    expect(await names('societe gen', 'investors')).toEqual(['Société Générale']);
    expect(await names('joses')).toEqual([]);
  });
});
