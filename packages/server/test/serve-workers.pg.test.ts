import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { defaultDeps } from '../src/deps.js';
import { type CreatedOrganization, createOrganization } from '../src/services/organizations.js';
import { postLeadOn } from './post-lead.js';
import { spawnCli, stopChild } from './spawn-server.js';

const databaseUrl = inject('postgresUrl')!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LogLine {
  msg?: string;
  pid?: number;
  worker?: number;
  route?: string;
  method?: string;
  status?: number;
  restart_in_ms?: number;
}

/** `hk-server serve --workers …` in its own process, with what it logs parsed as it comes. */
function serveWorkers(args: string[], env: Record<string, string>) {
  const child = spawnCli(['serve', '--host', '127.0.0.1', ...args], {
    LOG_LEVEL: 'info',
    RATE_LIMIT_SECRET_PER_KEY: '1000000',
    ...env,
  });
  const lines: LogLine[] = [];
  let output = '';
  let pending = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine);
    }
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  /** Resolves with the first line that `matches`, waiting for it to be logged. */
  const waitForLine = async (matches: (line: LogLine) => boolean, from = 0) => {
    for (;;) {
      const line = lines.slice(from).find(matches);
      if (line) return line;
      if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}): ${output}`);
      await sleep(20);
    }
  };
  const port = async () => {
    while (!/Hidden Key API on http:\/\/[^:\s]+:(\d+)/.test(output)) {
      if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}): ${output}`);
      await sleep(20);
    }
    return Number(/Hidden Key API on http:\/\/[^:\s]+:(\d+)/.exec(output)![1]);
  };
  return { child, lines, exited, waitForLine, port, output: () => output };
}

/** `count` leads, each on a connection of its own (so the primary hands them out in turn). */
async function postLeads(baseUrl: string, key: string, count: number) {
  const agent = new Agent({ keepAlive: false });
  try {
    return await Promise.all(Array.from({ length: count }, () => postLeadOn(agent, baseUrl, key)));
  } finally {
    agent.destroy();
  }
}

const leadRequests = (lines: LogLine[]) =>
  lines.filter((line) => line.msg === 'request' && line.method === 'POST' && line.route === '/v1/leads');

/** `http_requests_total` of POST /v1/leads answered 201, as `/metrics` sums it over the workers. */
async function createdLeadsCounted(baseUrl: string) {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find((each) => each.startsWith('http_requests_total{method="POST",route="/v1/leads",status="201"}'));
  return Number(line?.split(' ').at(-1) ?? 0);
}

describe('hk-server serve --workers 2', () => {
  let handle: DatabaseHandle;
  let org: CreatedOrganization;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    handle = await openDatabase({ databaseUrl, maxConnections: 2 });
    org = await createOrganization(defaultDeps(handle.db), { name: 'Workers' });
  });
  afterAll(async () => {
    await Promise.all(children.map(stopChild));
    await handle?.close();
  });

  it('answers from two processes, restarts a killed one with backoff, counts across both, and drains on SIGTERM', {
    timeout: 120_000,
  }, async () => {
    const serve = serveWorkers(['--workers', '2', '--port', '0'], { DATABASE_URL: databaseUrl });
    children.push(serve.child);
    const baseUrl = `http://127.0.0.1:${await serve.port()}`;
    // (pino's lines may come after the console's.)
    await serve.waitForLine((line) => line.msg === '2 HTTP workers started');
    // Not on a terminal, the banner is a JSON log line like the rest.
    const banner = await serve.waitForLine((line) => String(line.msg).startsWith('Hidden Key API on'));
    expect(banner).toMatchObject({ workers: 2, url: expect.stringMatching(/^http:\/\/localhost:\d+$/) });

    // Every request answered, by both workers; /metrics sums them (a per-process registry shows about half).
    expect(await postLeads(baseUrl, org.secret_key, 20)).toEqual(Array(20).fill(201));
    await serve.waitForLine(() => leadRequests(serve.lines).length === 20);
    const pids = new Set(leadRequests(serve.lines).map((line) => line.pid));
    expect(pids.size).toBe(2);
    expect(await createdLeadsCounted(baseUrl)).toBe(20);

    // kill -9 a worker, twice in a row: each time the other answers meanwhile, the slot is
    // refilled, and the second restart waits twice as long as the first.
    const delays: number[] = [];
    let victim = [...pids][0]!;
    for (let kill = 0; kill < 2; kill++) {
      const from = serve.lines.length;
      process.kill(victim, 'SIGKILL');
      const died = await serve.waitForLine((line) => line.msg === 'HTTP worker died: restarting it', from);
      expect(died.pid).toBe(victim);
      delays.push(died.restart_in_ms!);
      expect(await postLeads(baseUrl, org.secret_key, 10)).toEqual(Array(10).fill(201));
      const restarted = await serve.waitForLine(
        (line) => line.msg === 'HTTP worker restarted and serving',
        from,
      );
      expect(restarted.worker).toBe(died.worker);
      victim = restarted.pid!;
    }
    expect(delays[1]).toBe(2 * delays[0]!);
    const from = serve.lines.length;
    expect(await postLeads(baseUrl, org.secret_key, 20)).toEqual(Array(20).fill(201));
    await serve.waitForLine(() => leadRequests(serve.lines.slice(from)).length === 20);
    expect(new Set(leadRequests(serve.lines.slice(from)).map((line) => line.pid))).toContain(victim);
    // What the killed workers had counted when last scraped stays in the sum: 20 + 20 + 20.
    expect(await createdLeadsCounted(baseUrl)).toBe(60);

    // SIGTERM under load: 10 keep-alive writers on both workers; every request is answered 201.
    const failures: string[] = [];
    const statuses: number[] = [];
    let started = 0;
    const writer = async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let first = true; ; first = false) {
          statuses.push(await postLeadOn(agent, baseUrl, org.secret_key));
          if (first) started++;
        }
      } catch (error) {
        // After the listener closes a new connection is refused: that request never started.
        if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') failures.push(String(error));
      } finally {
        agent.destroy();
      }
    };
    const writers = Array.from({ length: 10 }, writer);
    while (started < 10) await sleep(20);
    await sleep(200);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    await Promise.all(writers);
    expect(failures).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([201]));
    expect(
      serve.lines.filter((line) => line.msg === 'shutting down: draining in-flight requests'),
    ).toHaveLength(2);
  });

  it('stops, exit 1, when a worker fails at start, instead of restarting it', async () => {
    // The primary does not read TRUSTED_PROXIES; each worker refuses it as it starts.
    const serve = serveWorkers(['--workers', '2', '--port', '0'], {
      DATABASE_URL: databaseUrl,
      TRUSTED_PROXIES: 'not-an-address',
    });
    children.push(serve.child);
    expect(await serve.exited).toBe(1);
    expect(serve.output()).toMatch(/Not an IP address or CIDR range: not-an-address/);
    expect(serve.lines.some((line) => line.msg === 'HTTP worker exited before it was ready: stopping')).toBe(
      true,
    );
    expect(serve.lines.some((line) => line.msg === 'HTTP worker died: restarting it')).toBe(false);
  });

  it('refuses more than one worker on PGlite, before opening it', async () => {
    const serve = serveWorkers(['--workers', '2', '--port', '0'], {
      DATABASE_URL: '',
      HK_DATA_DIR: `/tmp/hk-workers-${randomUUID()}`,
    });
    expect(await serve.exited).toBe(1);
    expect(serve.output()).toMatch(
      /--workers 2 needs PostgreSQL: PGlite keeps the database inside one process/,
    );
  });
});
