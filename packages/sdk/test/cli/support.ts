import { PassThrough } from 'node:stream';
import { runProgram } from '../../src/cli/program.js';
import type { HiddenKeyCore } from '../../src/client/client.js';

/** Runs `hidden-key ...args` in-process with a given client; answers what it printed and its exit code. */
export async function runCli(client: HiddenKeyCore, args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const previousExitCode = process.exitCode;
  process.exitCode = 0;
  try {
    await runProgram({ stdout, stderr, createClient: () => client }, ['node', 'hidden-key', ...args]);
    return { stdout: out, stderr: err, exitCode: process.exitCode ?? 0 };
  } finally {
    process.exitCode = previousExitCode;
  }
}
