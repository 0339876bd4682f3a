import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useRealServer } from '../client/support/real-server.js';

const run = promisify(execFile);
const cliEntry = new URL('../../src/cli/index.ts', import.meta.url).pathname;
/**
 * Enough rows for 16 requests in flight to overlap and for a broken row to sit mid-file. Two imports
 * of 10,000 rows took 9 minutes of a CI run on a busy 2-core machine; 3,000 prove the same.
 */
const ROWS = 3_000;
/** The child is killed just before the test gives up, so it never outlives the server. */
const TEST_TIMEOUT_MS = 20 * 60_000;
/** Lines (the header is line 1) whose rows are broken on purpose, to be reported and skipped. */
const BROKEN_LINES = [2, 1_501, ROWS + 4];

/** A CSV of `ROWS` distinct sellers, with a broken row at each of `BROKEN_LINES`. */
function bulkCsv() {
  const lines = ['Full Name,Email,City,Beds,Asking Price'];
  let seller = 0;
  while (lines.length < ROWS + BROKEN_LINES.length + 1) {
    const line = lines.length + 1;
    if (BROKEN_LINES.includes(line)) lines.push(`Broken ${line},not-an-email,Nowhere,1,1`);
    else {
      lines.push(
        `Seller ${seller},seller${seller}@example.com,Springfield,${seller % 6},${100_000 + seller}`,
      );
      seller++;
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The real `hidden-key` entry point in a child process, configured through the environment. */
async function hiddenKey(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cliEntry, ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
      timeout: TEST_TIMEOUT_MS / 2 - 10_000,
    });
    return { stdout, stderr, exitCode: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, exitCode: failed.code };
  }
}

describe('hidden-key leads import of 3,000 rows over a socket, with PostgreSQL', () => {
  const server = useRealServer('socket');

  it('imports every good row once, and a second run imports nothing twice', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const { secretKey, organizationId } = await server.newOrg();
    const file = join(await mkdtemp(join(tmpdir(), 'hk-bulk-')), 'leads.csv');
    await writeFile(file, bulkCsv());
    const env = { HIDDEN_KEY_API_KEY: secretKey, HIDDEN_KEY_BASE_URL: server.baseUrl };
    const args = ['leads', 'import', file, '--map', 'name=Full Name', '--concurrency', '16'];

    const first = await hiddenKey(args, env);
    expect(first.stdout).toContain(
      `${ROWS} of ${ROWS + 3} rows imported (${ROWS} new, 0 merged into existing leads, 0 already imported), 3 failed`,
    );
    expect(first.exitCode).toBe(1);
    for (const line of BROKEN_LINES) expect(first.stderr).toContain(`line ${line}: contact.email:`);
    expect(await server.countRows('leads', organizationId)).toBe(ROWS);

    const second = await hiddenKey(args, env);
    expect(second.stdout).toContain(
      `(0 new, 0 merged into existing leads, ${ROWS} already imported), 3 failed`,
    );
    expect(await server.countRows('leads', organizationId)).toBe(ROWS);

    const hk = server.client(secretKey);
    const emails = new Set<string>();
    for await (const lead of hk.leads.list({ limit: 100 })) emails.add(lead.contact.email ?? '');
    expect(emails.size).toBe(ROWS);
    expect(emails.has(`seller${ROWS - 1}@example.com`)).toBe(true);
  });

  it('reads the key and address from flags as well as the environment, and explains a missing key', {
    timeout: 120_000,
  }, async () => {
    const { secretKey } = await server.newOrg();
    const file = join(await mkdtemp(join(tmpdir(), 'hk-flags-')), 'leads.csv');
    await writeFile(file, 'name\nFlag Person\n');
    const withFlags = await hiddenKey(
      ['--api-key', secretKey, '--base-url', server.baseUrl, 'leads', 'import', file],
      {
        HIDDEN_KEY_API_KEY: '',
        HIDDEN_KEY_BASE_URL: '',
      },
    );
    expect(withFlags.stdout).toContain('1 of 1 rows imported');
    const missing = await hiddenKey(['leads', 'export'], {
      HIDDEN_KEY_API_KEY: '',
      HIDDEN_KEY_BASE_URL: server.baseUrl,
    });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('No API key: pass --api-key or set HIDDEN_KEY_API_KEY');
  });
});
