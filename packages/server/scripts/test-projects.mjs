// `pnpm test` for the server: the PGlite and PostgreSQL projects in two vitest processes at once.
// Each project still runs its files one at a time (the PostgreSQL files share one database, and a
// file's job worker could claim another's jobs), but the two projects share nothing, so on a
// machine with two cores they overlap instead of queueing behind each other in one pool.
// Arguments (files, filters) go to both, as they would to `vitest run`; a file that belongs to one
// project only leaves the other with nothing to run, which is then no failure.
import { spawn } from 'node:child_process';

const given = process.argv.slice(2);
const args = given.length > 0 ? ['--passWithNoTests', ...given] : [];
const run = (project) =>
  new Promise((resolve) => {
    const child = spawn('vitest', ['run', '--project', project, ...args], { stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`vitest (${project}) did not start: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });

const codes = await Promise.all([run('pglite'), run('postgres')]);
process.exit(codes.every((code) => code === 0) ? 0 : 1);
