import { Command, CommanderError } from 'commander';
import { DatabaseOpenError } from '../db/database.js';
import { TrainingDataError } from '../services/scoring/train-organization-model.js';
import { SERVER_VERSION } from '../version.js';
import type { CliIo } from './io.js';
import { registerModelCommands } from './model-command.js';

/** Failures the operator can fix from the message alone: printed without a stack trace. */
const EXPECTED_ERRORS = [DatabaseOpenError, TrainingDataError];

export function createProgram(io: CliIo): Command {
  const program = new Command('hk-server')
    .description('Hidden Key server: the API, its database, and lead scoring models')
    .version(SERVER_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerModelCommands(program, io);
  return program;
}

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    await createProgram(io).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const expected = EXPECTED_ERRORS.some((type) => error instanceof type);
    io.err(`hk-server: ${expected ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    return 1;
  }
}
