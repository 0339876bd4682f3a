import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HiddenKey, SDK_VERSION } from '../../src/client/index.js';
import { useRealServer } from '../client/support/real-server.js';
import { runCli } from './support.js';

const tempFile = async (name: string, content: string | Buffer = '') => {
  const path = join(await mkdtemp(join(tmpdir(), 'hk-cli-')), name);
  await writeFile(path, content);
  return path;
};

describe('hidden-key leads import and export (in-process app)', () => {
  const server = useRealServer('in-process');

  it('imports with a column mapping and reports bad rows by line', async () => {
    const { secretKey, organizationId } = await server.newOrg();
    const hk = server.client(secretKey);
    const csv = [
      'Owner,E-mail,Cell,City,Beds,Colour',
      'Ada Lovelace,ada@example.com,(202) 456-1111,London,3,blue',
      '"Grace',
      'Hopper",grace@example.com,,Arlington,two,red',
      'Alan Turing,not-an-email,,Wilmslow,4,',
      ',,,Nowhere,,',
      'Ada Again,ADA@example.com,,London,,',
    ].join('\n');
    const file = await tempFile('leads.csv', csv);

    const result = await runCli(hk, ['leads', 'import', file, '--map', 'name=Owner', '--map', 'phone=Cell']);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('contact.name ← "Owner"');
    expect(result.stderr).toContain('unmapped: Colour');
    expect(result.stderr).toContain('line 3: property.bedrooms: "two" is not a number');
    expect(result.stderr).toMatch(/line 5: contact\.email: /);
    expect(result.stderr).toContain('line 6: contact: A lead needs a name, an email or a phone');
    expect(result.stdout).toContain(
      '2 of 5 rows imported (1 new, 1 merged into existing leads, 0 already imported), 3 failed',
    );
    const [lead] = await hk.leads.list().toArray();
    expect(await server.countRows('leads', organizationId)).toBe(1);
    expect(lead).toMatchObject({
      source: 'csv',
      contact: { name: 'Ada Lovelace' },
      custom_fields: { colour: 'blue' },
    });
  });

  it('checks a file without sending anything on --dry-run', async () => {
    const { secretKey, organizationId } = await server.newOrg();
    const file = await tempFile('leads.csv', 'name,email\nAda,ada@example.com\n');
    const result = await runCli(server.client(secretKey), ['leads', 'import', file, '--dry-run']);
    expect(result.stdout).toContain('1 of 1 rows checked');
    expect(result.exitCode).toBe(0);
    expect(await server.countRows('leads', organizationId)).toBe(0);
  });

  it('exports CSV that imports back into another organisation unchanged, and JSON lines', async () => {
    const source = server.client((await server.newOrg()).secretKey);
    await source.leads.create({
      contact: { name: 'Round Trip', email: 'trip@example.com', phone: '+12024561111' },
      property: {
        address: '1 Main St',
        city: 'Springfield',
        state: 'IL',
        zip: '62701',
        bedrooms: 3,
        asking_price: 199000,
      },
      tags: ['hot', 'probate'],
      motivation: 'Moving, "soon"',
      custom_fields: { colour: 'blue' },
    });
    await source.leads.create({ contact: { name: 'Second' }, status: 'qualified' });

    const csvPath = await tempFile('export.csv');
    const exported = await runCli(source, ['leads', 'export', '--format', 'csv', '--out', csvPath]);
    expect(exported.stderr).toContain(`2 leads written to ${csvPath}`);

    const target = server.client((await server.newOrg()).secretKey);
    const imported = await runCli(target, ['leads', 'import', csvPath, '--no-keep-unmapped']);
    expect(imported.stdout).toContain('2 of 2 rows imported');
    const copy = (await target.leads.list({ q: 'trip' }).toArray())[0];
    expect(copy).toMatchObject({
      contact: { name: 'Round Trip', email: 'trip@example.com', phone: '+12024561111' },
      property: { address: '1 Main St', city: 'Springfield', bedrooms: 3, asking_price: 199000 },
      tags: ['hot', 'probate'],
      motivation: 'Moving, "soon"',
      source: 'api',
    });
    expect(
      (await target.leads.list({ status: 'qualified' }).toArray()).map((lead) => lead.contact.name),
    ).toEqual(['Second']);

    const jsonl = await runCli(source, ['leads', 'export', '--format', 'jsonl', '--status', 'qualified']);
    const lines = jsonl.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ status: 'qualified', contact: { name: 'Second' } });
    expect((await readFile(csvPath, 'utf8')).split('\n')[0]).toMatch(
      /^id,created_at,updated_at,score,name,email,phone,/,
    );
  });

  it('refuses the same phones on --dry-run as the server, printed the same way', async () => {
    const { secretKey } = await server.newOrg();
    const hk = server.client(secretKey);
    const file = await tempFile('leads.csv', 'name,phone\nAda,(555) 123-4567\nGrace,(202) 456-1111\n');
    const dry = await runCli(hk, ['leads', 'import', file, '--dry-run']);
    const real = await runCli(hk, ['leads', 'import', file]);
    expect(dry.stderr).toContain('line 2: contact.phone: Invalid phone number');
    expect(real.stderr).toContain('line 2: contact.phone: Invalid phone number');
    expect(dry.stdout).toContain('1 of 2 rows checked');
    expect(real.stdout).toContain('1 of 2 rows imported');
    expect(dry.exitCode).toBe(1);
  });

  it('round-trips an export with its custom fields and without the server-owned columns', async () => {
    const source = server.client((await server.newOrg()).secretKey);
    await source.leads.create({ contact: { name: 'Custom' }, custom_fields: { colour: 'blue', floors: 2 } });
    const exported = await runCli(source, ['leads', 'export', '--out', '-']);
    expect(exported.stdout.split('\n')[0]).toMatch(/^id,created_at,/);
    const file = await tempFile('export.csv', exported.stdout);
    const target = server.client((await server.newOrg()).secretKey);
    const imported = await runCli(target, ['leads', 'import', file]);
    expect(imported.stdout).toContain('1 of 1 rows imported');
    expect(imported.stderr).not.toContain('unmapped');
    const [copy] = await target.leads.list().toArray();
    expect(copy?.custom_fields).toEqual({ colour: 'blue', floors: 2 });
  });

  it('warns about extra cells and a file that is not UTF-8, and refuses an empty file', async () => {
    const hk = server.client((await server.newOrg()).secretKey);
    const latin1 = Buffer.from('name,city\nJosé,Bogotá,extra\n', 'latin1');
    const result = await runCli(hk, ['leads', 'import', await tempFile('latin1.csv', latin1)]);
    expect(result.stderr).toContain('warning: the file is not UTF-8');
    expect(result.stderr).toContain('warning: line 2: 1 cell(s) beyond the 2 columns');
    expect((await hk.leads.list().toArray())[0]?.contact.name).toBe('José');

    const empty = await runCli(hk, ['leads', 'import', await tempFile('empty.csv', 'name,email\n')]);
    expect(empty.exitCode).toBe(1);
    expect(empty.stderr).toContain('has no rows to import');
  });

  it('stops at once on a wrong key or a server that is down, with one message', async () => {
    const file = await tempFile(
      'leads.csv',
      `name\n${Array.from({ length: 50 }, (_, i) => `Lead ${i}`).join('\n')}\n`,
    );
    const wrongKey = await runCli(server.client('sk_wrong'), ['leads', 'import', file]);
    expect(wrongKey.exitCode).toBe(1);
    expect(wrongKey.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('The API refused the key (401)'),
    ]);

    const down = new HiddenKey({ apiKey: 'sk_x', baseUrl: 'http://127.0.0.1:9', maxRetries: 5 });
    const unreachable = await runCli(down, ['leads', 'import', file]);
    expect(unreachable.exitCode).toBe(1);
    expect(unreachable.stderr).toContain('Cannot reach the API: Connection error');
  });

  it('prints its version', async () => {
    const result = await runCli(server.client('sk_x'), ['--version']);
    expect(result.stdout.trim()).toBe(SDK_VERSION);
    expect(result.exitCode).toBe(0);
  });
});
