import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { HiddenKeyCore } from '../client/client.js';
import type { LeadListQuery } from '../schemas/index.js';
import { SDK_VERSION } from '../version.js';
import { type ConnectionFlags, clientFromFlags } from './config.js';
import { exportLeads } from './export-leads.js';
import { importLeads } from './import-leads.js';
import { registerKeyCommands } from './keys.js';
import { createProgressReporter } from './progress.js';

export interface ProgramIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Builds the client; tests pass one wired to an in-process app. */
  createClient?: (flags: ConnectionFlags) => HiddenKeyCore;
}

const collectMapping = (pair: string, mapping: Record<string, string> = {}) => {
  const equals = pair.indexOf('=');
  if (equals <= 0) throw new InvalidArgumentError('expected field=Column Header, e.g. name="Full Name"');
  return { ...mapping, [pair.slice(0, equals).trim()]: pair.slice(equals + 1).trim() };
};

const positiveInteger = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError('expected a whole number above 0');
  return number;
};

/** The `hidden-key` command line; `parseAsync(argv)` runs it and sets `process.exitCode`. */
export function buildProgram(io: ProgramIO): Command {
  const program = new Command('hidden-key')
    .description('Bulk work against the Hidden Key API')
    .version(SDK_VERSION)
    .option('--api-key <key>', 'secret key (default: $HIDDEN_KEY_API_KEY)')
    .option('--base-url <url>', 'API address (default: $HIDDEN_KEY_BASE_URL)')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride();
  const client = () => (io.createClient ?? clientFromFlags)(program.opts<ConnectionFlags>());
  const leads = program.command('leads').description('Import and export leads');

  leads
    .command('import <file>')
    .description('Create a lead for every row of a CSV file; safe to run again, nothing is imported twice')
    .option(
      '--map <field=column>',
      'fill a lead field from a column (repeatable), e.g. --map name="Full Name"',
      collectMapping,
      {},
    )
    .option('--source <source>', 'the source recorded on every lead', 'csv')
    .option('--concurrency <n>', 'rows sent at once', positiveInteger, 8)
    .option('--no-keep-unmapped', 'drop columns no field takes instead of keeping them in custom_fields')
    .option('--dry-run', 'check every row without sending anything')
    .option(
      '--region <code>',
      "your organisation's phone region (ISO 3166 alpha-2), to check phones as the server does",
      'US',
    )
    .action(async (file: string, flags) => {
      const progress = createProgressReporter(io.stderr);
      const summary = await importLeads(flags.dryRun ? null : client(), file, {
        map: flags.map ?? {},
        source: flags.source,
        concurrency: flags.concurrency,
        keepUnmapped: flags.keepUnmapped,
        region: flags.region,
        onMapping: progress.start,
        onProgress: progress.update,
        onWarning: (message) => io.stderr.write(`warning: ${message}\n`),
      }).finally(progress.stop);
      for (const failure of summary.failed) io.stderr.write(`line ${failure.line}: ${failure.message}\n`);
      const verb = flags.dryRun ? 'checked' : 'imported';
      const ok = summary.rows - summary.failed.length;
      io.stdout.write(
        `${ok} of ${summary.rows} rows ${verb} (${summary.created} new, ${summary.merged} merged into existing leads, ${summary.alreadyImported} already imported), ${summary.failed.length} failed\n`,
      );
      if (summary.failed.length > 0) process.exitCode = 1;
    });

  leads
    .command('export')
    .description('Write every lead as CSV or JSON lines')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'jsonl']).default('csv'))
    .option('--out <file>', 'write to a file instead of standard output (`-` is standard output)')
    .option('--status <status>', 'only leads with this status')
    .option('--source <source>', 'only leads from this source')
    .action(async (flags) => {
      const query: LeadListQuery = { status: flags.status, source: flags.source };
      const toFile = flags.out !== undefined && flags.out !== '-';
      const count = await exportLeads(client(), flags.format, query, toFile ? flags.out : io.stdout);
      if (toFile) io.stderr.write(`${count} leads written to ${flags.out}\n`);
    });

  registerKeyCommands(program, client, io.stdout);
  return program;
}

/** Runs the command line on `argv`: prints a failure as one line and sets `process.exitCode`. */
export async function runProgram(io: ProgramIO, argv: string[]): Promise<void> {
  try {
    await buildProgram(io).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
    } else {
      io.stderr.write(`hidden-key: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
