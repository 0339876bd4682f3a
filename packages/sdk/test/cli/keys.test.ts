import { describe, expect, it } from 'vitest';
import { useRealServer } from '../client/support/real-server.js';
import { runCli } from './support.js';

describe('hidden-key keys (in-process app)', () => {
  const server = useRealServer('in-process');

  it('creates, lists, updates and revokes keys over the API', async () => {
    const hk = server.client((await server.newOrg()).secretKey);
    const created = await runCli(hk, [
      'keys',
      'create',
      '--type',
      'publishable',
      '--name',
      'partner form',
      '--origins',
      'https://a.example, https://b.example',
    ]);
    expect(created.exitCode).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(key).toMatchObject({
      type: 'publishable',
      allowed_origins: ['https://a.example', 'https://b.example'],
    });
    expect(key.key).toMatch(/^pk_/);

    const listed = await runCli(hk, ['keys', 'list', '--type', 'publishable']);
    const line = listed.stdout.split('\n').find((text) => text.startsWith(key.id));
    expect(line).toMatch(
      /publishable\s+pk_\S+\s+live\s+partner form\s+https:\/\/a\.example,https:\/\/b\.example/,
    );
    expect(listed.stdout).not.toContain(key.key);

    const updated = await runCli(hk, ['keys', 'update', key.id, '--origins', 'https://c.example']);
    expect(JSON.parse(updated.stdout).allowed_origins).toEqual(['https://c.example']);

    const revoked = await runCli(hk, ['keys', 'revoke', key.id]);
    expect(JSON.parse(revoked.stdout).revoked_at).not.toBeNull();
    const live = JSON.parse((await runCli(hk, ['keys', 'list', '--live', '--json'])).stdout);
    expect(live.map((item: { id: string }) => item.id)).not.toContain(key.id);
  });
});
