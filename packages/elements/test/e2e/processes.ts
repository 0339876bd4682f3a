import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Browser, chromium } from 'playwright-core';
import { inject } from 'vitest';

const ADMIN_URL = process.env.HK_E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const elementsDir = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh PostgreSQL database for one run, dropped afterwards. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hk_e2e_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface ServerProcess {
  url: string;
  secretKey: string | undefined;
  stop(): Promise<void>;
}

/** One call to a server's API with a secret key: its `data`, or an error naming the status and body. */
export async function callApi(
  baseUrl: string,
  secretKey: string | undefined,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json.data;
}

/** Starts test/e2e/portal-server.ts in its own Node process and waits for its address. */
export function startServer(
  databaseUrl: string,
  options: { migrate?: boolean; seed?: boolean } = {},
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@hidden-key/source', 'test/e2e/portal-server.ts'],
    {
      cwd: elementsDir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        MIGRATE: options.migrate ? '1' : '0',
        SEED_ORGANIZATION: options.seed ? '1' : '0',
        EMBED_DIR: inject('embedDir'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`portal-server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const { url, secret_key } = JSON.parse(line);
      resolve({
        url,
        secretKey: secret_key,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Debian's Chromium, headless, with the flags these machines need (see TOOLCHAIN.md). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
