// `pnpm --filter @hidden-key/server test:faults:steve`: the Steve figure of issue 13. New leads
// start the chain enrich → score → draft → task; `hk-server worker` processes run it and are
// killed (SIGKILL, at a random moment) HK_STEVE_KILLS times (default 10), then one last worker
// finishes. Counts the steps completed (goal: all) and the steps whose writes happened twice (goal:
// none). Runs on a PostgreSQL cluster of its own (port 16010, from the ai helper's range) and
// removes it afterwards. Exits 1 when a goal is missed.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const PG_PORT = Number(process.env.HK_STEVE_PG_PORT ?? 16010);
const KILLS = Number(process.env.HK_STEVE_KILLS ?? 10);
const LEADS = Number(process.env.HK_STEVE_LEADS ?? 120);
const STEPS = ['enrich', 'score', 'draft', 'task'] as const;
const CLUSTER = 'hkaisteve';
const adminUrl = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const sourceCli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// No OpenAI key here or in the workers: Lex drafts from templates, so the figure needs no network.
delete process.env.OPENAI_API_KEY;

function dropCluster() {
  try {
    execFileSync('pg_dropcluster', ['--stop', '15', CLUSTER], { stdio: 'ignore' });
  } catch {
    // nothing left over from an earlier run
  }
}

async function withCluster<T>(run: () => Promise<T>): Promise<T> {
  dropCluster();
  execFileSync('pg_createcluster', ['15', CLUSTER, '--port', String(PG_PORT), '--', '--auth=trust'], {
    stdio: 'ignore',
  });
  execFileSync('pg_ctlcluster', ['15', CLUSTER, 'start'], { stdio: 'ignore' });
  try {
    return await run();
  } finally {
    dropCluster();
  }
}

/** `hk-server worker` from source (the code under test, never a stale build), started and ready. */
function startWorker(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@hidden-key/source', '--import', 'tsx', sourceCli, 'worker', '--concurrency', '4'],
    {
      cwd: packageRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Hidden Key worker')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it started`)));
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

async function main() {
  await withCluster(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('create database steve');
    await admin.end();
    const databaseUrl = `postgres://postgres@127.0.0.1:${PG_PORT}/steve`;

    const { openDatabase } = await import('../../src/db/open.js');
    const { defaultDeps } = await import('../../src/deps.js');
    const { createApp } = await import('../../src/app.js');
    const { createOrganization } = await import('../../src/services/organizations.js');
    const handle = await openDatabase({ databaseUrl, maxConnections: 4 });
    await handle.migrate();
    const deps = defaultDeps(handle.db);
    const app = createApp(deps);
    const org = await createOrganization(deps, {
      name: 'Steve faults',
      settings: { automation: { enabled: true } },
    });
    for (let n = 0; n < LEADS; n++) {
      const response = await app.request('/v1/leads', {
        method: 'POST',
        headers: { authorization: `Bearer ${org.secret_key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          contact: { name: `Seller ${n}`, email: `seller${n}@example.com` },
          property: {
            address: `${n} Main St`,
            city: n % 2 ? 'Ames' : 'Sacramento',
            state: n % 2 ? 'IA' : 'CA',
            sqft: 1_200 + n,
          },
        }),
      });
      if (response.status !== 201) throw new Error(`lead ${n}: ${response.status} ${await response.text()}`);
    }
    const sql = (text: string) =>
      handle.client.kind === 'postgres'
        ? handle.client.pool.query(text)
        : Promise.reject(new Error('PostgreSQL only'));

    let interruptedKills = 0;
    for (let round = 1; round <= KILLS; round++) {
      const worker = await startWorker(databaseUrl);
      await sleep(150 + Math.random() * 1_350);
      const { rows } = await sql(
        `select count(*)::int as n from jobs where state = 'running' and locked_by like '%:${worker.pid}:%'`,
      );
      const running = rows[0].n as number;
      if (running > 0) interruptedKills++;
      await killed(worker);
      console.log(`kill ${round}/${KILLS}: ${running} tries in progress`);
    }

    // The last worker finishes; a dead worker's tries come back when their lease (65 s) lapses.
    const last = await startWorker(databaseUrl);
    const deadline = Date.now() + 300_000;
    const expected = LEADS * STEPS.length;
    for (;;) {
      const { rows } = await sql(
        `select count(*) filter (where state = 'succeeded')::int as done,
                count(*) filter (where state = 'dead')::int as dead
           from jobs where name = 'lead.automation'`,
      );
      if (rows[0].done + rows[0].dead >= expected || Date.now() > deadline) break;
      await sleep(500);
    }
    await killed(last);

    const { rows: steps } = await sql(
      `select state, count(*)::int as n, sum(attempts)::int as tries from jobs
        where name = 'lead.automation' group by state`,
    );
    const done = steps.find((row) => row.state === 'succeeded')?.n ?? 0;
    const tries = steps.reduce((sum, row) => sum + row.tries, 0);
    // A step done twice would leave two tasks, or drafts from two runs, on one lead.
    const { rows: twice } = await sql(
      `select
         (select count(*)::int from (
            select lead_id from activities where type = 'task' group by lead_id having count(*) > 1) t) as tasks,
         (select count(*)::int from (
            select lead_id from activities where type = 'email'
             group by lead_id having count(distinct metadata #>> '{ai_draft,run_id}') > 1) d) as drafts`,
    );
    const { rows: leadsWithout } = await sql(
      `select count(*)::int as n from leads l where not exists (
         select 1 from activities a where a.lead_id = l.id and a.type = 'task')`,
    );
    await handle.close();

    const duplicated = twice[0].tasks + twice[0].drafts;
    console.log(
      `Steve chain, ${LEADS} leads × ${STEPS.length} steps, worker SIGKILLed ${KILLS} times at random ` +
        `(${interruptedKills} kills mid-try, ${tries - expected} extra tries):`,
    );
    console.log(`  steps completed: ${done}/${expected} (goal: all) ${done === expected ? 'ok' : 'MISS'}`);
    console.log(`  leads without their task: ${leadsWithout[0].n}`);
    console.log(
      `  steps whose writes happened twice: ${duplicated} (goal: 0) ${duplicated === 0 ? 'ok' : 'MISS'}`,
    );
    if (done !== expected || duplicated !== 0) process.exitCode = 1;
  });
}

await main();
