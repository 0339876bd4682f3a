import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { jobDefinitions, startWorker, type Worker } from '@hidden-key/server';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as analysis from '../../src/analysis/index.js';
import * as sdk from '../../src/index.js';
import * as schemas from '../../src/schemas/index.js';
import { useRealServer } from '../client/support/real-server.js';
import { asOneModule, type CodeBlock, codeBlocks, runTypeScriptBlock, type Scope } from './code-blocks.js';

/*
 * The README is run as a reader would run it, top to bottom, against the real server on a
 * loopback port: every ```ts block in order (each sees what the blocks before it declared), and
 * every ```sh block with the `hidden-key` command. The only things substituted are the ones the
 * README tells the reader to set: the secret key (`HIDDEN_KEY_API_KEY`, `sk_...`) and the server's
 * address (`http://localhost:8787`). So a quick start that stops working fails the suite.
 */

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
const blocks = codeBlocks(readme);
const typescriptBlocks = blocks.filter((block) => block.lang === 'ts');
const shellBlocks = blocks.filter((block) => block.lang === 'sh');
/** Installing the package is the one block a test cannot run: it is what put the package here. */
const isInstall = (block: CodeBlock) => /^npm install @hidden-key\/sdk$/.test(block.code.trim());
const README_ADDRESS = 'http://localhost:8787';

const modules = {
  'node:http': http,
  '@hidden-key/sdk': sdk,
  '@hidden-key/sdk/analysis': analysis,
  '@hidden-key/sdk/schemas': schemas,
};

// As the README tells a reader whose webhook receiver runs on their own machine.
process.env.HK_WEBHOOK_ALLOWED_HOSTS = 'localhost';
const server = useRealServer('socket');

/** A console that keeps what the blocks print, so the test output stays readable. */
function recordingConsole() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  return { lines, console: { log: record, info: record, warn: record, error: record, debug: record } };
}

describe('packages/sdk/README.md', () => {
  it('has the blocks this test runs', () => {
    expect(typescriptBlocks.length).toBeGreaterThanOrEqual(10);
    expect(shellBlocks.filter((block) => !isInstall(block)).length).toBeGreaterThanOrEqual(1);
    expect(blocks.every((block) => ['ts', 'sh'].includes(block.lang))).toBe(true);
  });

  it("type-checks the TypeScript blocks against the package, as a reader's editor would", () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(packageDir, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    )!;
    // Beside the tests, so `@hidden-key/sdk` resolves to this package as it does for a user.
    const file = join(packageDir, 'test/docs/readme-blocks.ts');
    const text = asOneModule(typescriptBlocks);
    const host = ts.createCompilerHost(config.options);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.fileExists = (name) => name === file || ts.sys.fileExists(name);
    host.readFile = (name) => (name === file ? text : readFile(name));
    host.getSourceFile = (name, language) =>
      name === file ? ts.createSourceFile(name, text, language) : getSourceFile(name, language);
    const program = ts.createProgram([file], { ...config.options, noEmit: true }, host);
    const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => {
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const context = text
        .split('\n')
        .slice(0, line + 1)
        .reverse()
        .find((l) => l.startsWith('// README line'));
      return `${context} (+${line}): ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
    expect(errors).toEqual([]);
  });

  describe('every TypeScript block, in order', () => {
    let scope: Scope = {};
    const printed = recordingConsole();
    const previousKey = process.env.HIDDEN_KEY_API_KEY;

    // `hk-server serve` runs the job workers in-process; the bare app here needs one beside it.
    let worker: Worker;

    beforeAll(async () => {
      const { secretKey } = await server.newOrg();
      process.env.HIDDEN_KEY_API_KEY = secretKey;
      scope = { console: printed.console };
      worker = startWorker({ db: server.db, definitions: jobDefinitions(process.env), pollMs: 20 });
    });
    afterAll(async () => {
      await worker?.stop();
      if (previousKey === undefined) delete process.env.HIDDEN_KEY_API_KEY;
      else process.env.HIDDEN_KEY_API_KEY = previousKey;
    });

    for (const block of typescriptBlocks) {
      it(`runs the block at line ${block.line}`, async () => {
        const code = block.code.replaceAll(README_ADDRESS, server.baseUrl);
        scope = await runTypeScriptBlock({ ...block, code }, scope, modules);
      });
    }

    it('made the calls the quick start describes', async () => {
      const hk = scope.hk as sdk.HiddenKey;
      const lead = scope.lead as schemas.LeadCreateResult;
      expect(await hk.leads.retrieve(lead.id)).toMatchObject({
        status: 'qualified',
        contact: { phone: '+12024561111' },
      });
      const [deal] = await hk.opportunities.list({ lead_id: lead.id }).toArray();
      expect(deal).toMatchObject({ stage: 'negotiation', property: { address: '1 Main St' } });
      expect(printed.lines.length).toBeGreaterThan(0);
    });
  });

  describe('every shell block', () => {
    let workDir: string;
    let binDir: string;
    let organizationId: string;
    let secretKey: string;

    beforeAll(async () => {
      ({ organizationId, secretKey } = await server.newOrg());
      workDir = await mkdtemp(join(tmpdir(), 'hk-readme-'));
      binDir = join(workDir, '.bin');
      await mkdir(binDir);
      // `hidden-key` as the package installs it, run from source so no build is needed first.
      const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
      const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/loader.mjs')).href;
      const cli = join(packageDir, 'src/cli/index.ts');
      const command = join(binDir, 'hidden-key');
      await writeFile(
        command,
        `#!/bin/sh\nexec "${process.execPath}" --conditions=@hidden-key/source --import "${tsx}" "${cli}" "$@"\n`,
      );
      await chmod(command, 0o755);
      // The file the README imports: its own column names, which the `--map`s point at.
      await writeFile(
        join(workDir, 'leads.csv'),
        [
          'Full Name,Email,Cell #,Address,City,State',
          'Ada Lovelace,ada@example.com,(202) 456-1111,1 Main St,Springfield,IL',
          'Grace Hopper,grace@example.com,(617) 253-1000,2 Elm St,Arlington,VA',
        ].join('\n'),
      );
    });
    afterAll(async () => {
      await rm(workDir, { recursive: true, force: true });
    });

    for (const block of shellBlocks.filter((block) => !isInstall(block))) {
      it(`runs the block at line ${block.line}`, async () => {
        const script = block.code.replaceAll('sk_...', secretKey).replaceAll(README_ADDRESS, server.baseUrl);
        await promisify(execFile)('bash', ['-e', '-o', 'pipefail', '-c', script], {
          cwd: workDir,
          env: { ...process.env, PATH: `${binDir}:${process.env.PATH}` },
          timeout: 60_000,
        });
      });
    }

    it('imported the file and exported it again', async () => {
      expect(await server.countRows('leads', organizationId)).toBe(2);
      const exported = await readFile(join(workDir, 'leads.csv'), 'utf8');
      expect(exported).toContain('Grace Hopper');
      const jsonLines = (await readFile(join(workDir, 'new-leads.jsonl'), 'utf8')).trim().split('\n');
      expect(jsonLines.map((line) => JSON.parse(line).source)).toEqual(['zillow', 'zillow']);
    });
  });
});
