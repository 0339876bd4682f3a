import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliCommand } from './spawn-server.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'hk-demo-command-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Demo {
  url: string;
  secretKey: string;
  publishableKey: string;
  /** Everything it printed up to the publishable key line. */
  output: string;
}

/**
 * `hk-server demo` as a newcomer starts it: on the embedded database (PostgreSQL in the postgres
 * project), reading what it prints. Resolves once the publishable key line is out.
 */
function startDemo(): { child: ChildProcess; demo: Promise<Demo> } {
  const postgresUrl = inject('postgresUrl');
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const args = postgresUrl ? [] : ['--data-dir', dataDir];
  const child = spawn(process.execPath, [...cliCommand(), 'demo', '--port', '0', ...args], {
    cwd: packageRoot,
    env: postgresUrl ? { ...env, DATABASE_URL: postgresUrl } : env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors += chunk;
  });
  const demo = new Promise<Demo>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const url = /API\s+(http:\/\/\S+)\/v1/.exec(output)?.[1];
      const secretKey = /secret_key\s+(sk_\S+)/.exec(output)?.[1];
      const publishableKey = /publishable key, allowed for .*: (pk_\S+)/.exec(output)?.[1];
      if (url && secretKey && publishableKey) resolve({ url, secretKey, publishableKey, output });
    });
    child.once('exit', (code) => reject(new Error(`hk-server demo exited (${code}): ${errors}\n${output}`)));
  });
  return { child, demo };
}

describe('hk-server demo', () => {
  let child: ChildProcess;
  let demo: Demo;

  beforeAll(async () => {
    const started = startDemo();
    child = started.child;
    demo = await started.demo;
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async <T = Record<string, unknown>>(path: string): Promise<T> => {
    const response = await fetch(`${demo.url}${path}`, {
      headers: { authorization: `Bearer ${demo.secretKey}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { data: T }).data;
  };

  it('prints only addresses that answer: the API base, docs, health, the embed, the example pages', async () => {
    // The listing's lines ("  Docs      http://…").
    const pages = [...demo.output.matchAll(/^ {2}(\w+) +(http:\/\/\S+)/gm)].map(([, , url]) => url!);
    expect(pages.length).toBeGreaterThanOrEqual(7);
    for (const page of pages) expect([page, (await fetch(page)).status]).toEqual([page, 200]);
  });

  it('runs the agents on a lead its partner page captures: enriched, scored, a drafted follow-up and a task', async () => {
    const email = `demo-seller-${process.pid}@example.com`;
    const submitted = await fetch(`${demo.url}/v1/public/leads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${demo.publishableKey}`,
        'content-type': 'application/json',
        origin: demo.url,
      },
      body: JSON.stringify({
        contact: { name: 'Dana Demo', email, phone: '916 555 0142' },
        property: { address: '2410 Capitol Ave', city: 'Sacramento', state: 'CA', zip: '95816' },
        motivation: 'Inherited the house',
        consent: { text: 'You may call or text me about my property.', version: '2026-11-01' },
        website: '',
        elapsed_ms: 9_000,
      }),
    });
    expect(submitted.status).toBe(201);
    const {
      items: [lead],
    } = await api<{ items: { id: string; contact: { email: string } }[] }>(
      `/v1/leads?q=${encodeURIComponent(email)}`,
    );
    if (!lead) throw new Error('the captured lead is not in the list');
    expect(lead.contact.email).toBe(email);

    type Automation = { enabled: boolean; steps: { step: string; state: string }[] };
    let automation: Automation;
    for (let waited = 0; ; waited += 250) {
      automation = await api<Automation>(`/v1/leads/${lead.id}/automation`);
      if (automation.steps.every((step) => step.state === 'succeeded') || waited > 60_000) break;
      await sleep(250);
    }
    expect(automation.enabled).toBe(true);
    expect(automation.steps.map((step) => [step.step, step.state])).toEqual([
      ['enrich', 'succeeded'],
      ['score', 'succeeded'],
      ['draft', 'succeeded'],
      ['task', 'succeeded'],
    ]);

    // Lex's follow-up email waits as a pending draft beside the task for a person.
    const activities = await api<{ items: { type: string; status: string }[] }>(
      `/v1/activities?lead_id=${lead.id}`,
    );
    const pending = activities.items.filter((activity) => activity.status === 'pending');
    expect(pending.map((activity) => activity.type).sort()).toEqual(['email', 'task']);
    expect((await api<{ score: unknown }>(`/v1/leads/${lead.id}`)).score).toEqual(expect.any(Number));
  }, 90_000);
});
