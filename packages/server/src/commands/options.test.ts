import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cliCommand } from '../../test/spawn-server.js';
import { resolvePort } from './options.js';

describe('settings read from the environment', () => {
  const saved = process.env.PORT;
  afterEach(() => {
    if (saved === undefined) delete process.env.PORT;
    else process.env.PORT = saved;
  });

  it('take PORT when no --port is given, and --port over it', () => {
    process.env.PORT = '9090';
    expect(resolvePort(undefined, 8787)).toBe(9090);
    expect(resolvePort(7000, 8787)).toBe(7000);
    process.env.PORT = '';
    expect(resolvePort(undefined, 8787)).toBe(8787);
  });

  it('stop the CLI with a message naming the variable, not silently', async () => {
    const run = promisify(execFile)(process.execPath, [...cliCommand(), 'worker'], {
      env: {
        ...process.env,
        HK_WORKER_CONCURRENCY: 'lots',
        DATABASE_URL: '',
        HK_DATA_DIR: '/nonexistent/hk-data',
      },
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'hk-server: HK_WORKER_CONCURRENCY=lots: Expected a whole number from 1 to 256.',
      ),
    });
    process.env.PORT = 'abc';
    expect(() => resolvePort(undefined, 8787)).toThrow('PORT=abc: Not a port number.');
  });
});
