import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const builtCli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const sourceCli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** `HK_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` profiles the spawned servers (NODE_OPTIONS may not). */
const nodeArgs = () => process.env.HK_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];

/** How to run `hk-server`: the built CLI, or its source through tsx when it is not built yet. */
export const cliCommand = () =>
  existsSync(builtCli) ? [builtCli] : ['--conditions=@hidden-key/source', '--import', 'tsx', sourceCli];

/** `hk-server <args>` in a new Node process of its own, run from the package root. */
export const spawnCli = (args: string[], env: Record<string, string> = {}): ChildProcess =>
  spawn(process.execPath, [...nodeArgs(), ...cliCommand(), ...args], {
    cwd: packageRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/**
 * Resolves with the first match of `ready` in what `child` prints, so a test waits for the
 * process to say it runs; rejects with its stderr if it exits before that.
 */
export function waitForOutput(child: ChildProcess, name: string, ready: RegExp): Promise<RegExpExecArray> {
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors += chunk;
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}): ${errors}`)));
  });
}

/** Stops `child` with SIGTERM (the graceful path) and resolves once it has exited. */
export const stopChild = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

/**
 * `hk-server serve` in a new Node process on a free port: the built CLI (`dist/cli.js`, which
 * turbo builds before `test` and `bench`), or its source through tsx when it is not built yet.
 */
export async function spawnServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<ServerProcess> {
  const child = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', ...args], {
    ...env,
    DATABASE_URL: databaseUrl,
  });
  const [, port] = await waitForOutput(child, 'hk-server serve', /Hidden Key API on http:\/\/[^:\s]+:(\d+)/);
  return { baseUrl: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopChild(child) };
}
