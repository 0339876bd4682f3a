#!/usr/bin/env node
import { Command } from 'commander';
import { demoCommand } from './cli/demo-command.js';
import { keyCommand } from './cli/key-command.js';
import { SERVER_VERSION } from './version.js';

const program = new Command('hk-server')
  .description('Hidden Key reference server')
  .version(SERVER_VERSION)
  .addCommand(keyCommand())
  .addCommand(demoCommand());

try {
  await program.parseAsync();
} catch (error) {
  console.error(`hk-server: ${(error as Error).message}`);
  process.exit(1);
}
