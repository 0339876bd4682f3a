import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('are all read before the database is opened, and a DATABASE_URL that is no URL is named', async () => {
    const cli = (args: string[], env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, ...env } });
    // The data folder cannot be opened: each start must stop at its setting before trying.
    const noFolder = { DATABASE_URL: '', HK_DATA_DIR: '/dev/null/hk-data' };
    await expect(cli(['serve', '--port', '0'], { ...noFolder, LOG_LEVEL: 'loud' })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('hk-server: LOG_LEVEL must be one of trace, debug, info'),
    });
    await expect(
      cli(['serve', '--port', '0'], { ...noFolder, RATE_LIMIT_SECRET_PER_KEY: '0' }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'hk-server: RATE_LIMIT_SECRET_PER_KEY must be a whole number of at least 1',
      ),
    });
    await expect(cli(['migrate'], { DATABASE_URL: 'hk_production' })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'hk-server: DATABASE_URL is not a PostgreSQL connection URL: expected postgres://user:password@host:5432/database',
      ),
    });
  });

  it('make `migrate` say how many migrations it applied, and when there were none left', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hk-migrate-'));
    const shipped = readdirSync(new URL('../db/migrations', import.meta.url)).filter((file) =>
      file.endsWith('.sql'),
    );
    const migrate = () =>
      promisify(execFile)(process.execPath, [...cliCommand(), 'migrate'], {
        env: { ...process.env, DATABASE_URL: '', DATABASE_MIGRATION_URL: '', HK_DATA_DIR: dataDir },
      });
    try {
      expect((await migrate()).stdout).toBe(
        `Applied ${shipped.length} migrations: the schema of ${dataDir} is up to date.\n`,
      );
      expect((await migrate()).stdout).toBe(`The schema of ${dataDir} was already up to date.\n`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
