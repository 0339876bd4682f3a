#!/usr/bin/env node
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';

try {
  await buildProgram({ stdout: process.stdout, stderr: process.stderr }).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`hidden-key: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
