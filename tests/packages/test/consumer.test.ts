import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PACKAGES, type PackageFolder, repoRoot } from './packages.js';
import { readPackedManifest } from './tarball.js';

const run = promisify(execFile);
const { dir, tarballs } = inject('packed');
/** A user's project: the tarballs installed with npm, as from the registry. */
const app = join(dir, 'app');
const bins = { sdk: 'hidden-key', scoring: 'hk-score', server: 'hk-server' } as const;

async function node(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, args, { cwd: app, env: { ...process.env, ...env } });
}

/** The entry points a package declares that load at run time (types-only ones have no JS). */
async function entryPoints(name: PackageFolder): Promise<{ code: string[]; json: string[] }> {
  const manifest = await readPackedManifest(tarballs[name]);
  const entries = Object.entries(manifest.exports as Record<string, string | Record<string, string>>).filter(
    ([key]) => !key.includes('*') && key !== './package.json',
  );
  const specifier = (key: string) => `${manifest.name as string}${key.slice(1)}`;
  return {
    code: entries
      .filter(([, target]) => typeof target !== 'string' && 'default' in target)
      .map(([key]) => specifier(key)),
    json: entries
      .filter(([, target]) => typeof target === 'string' && target.endsWith('.json'))
      .map(([key]) => specifier(key)),
  };
}

/**
 * Errors tsc reports inside dependencies' own .d.ts under skipLibCheck: false, which no setting of
 * ours can fix: drizzle-orm types every dialect against drivers it does not install (mysql2, gel,
 * …), and PGlite refers to Emscripten globals it does not declare. Anything else fails the test.
 */
const UPSTREAM_ERRORS = /^node_modules\/(drizzle-orm|@electric-sql\/pglite)\//;
const ownErrors = (output: string) =>
  output.split('\n').filter((line) => /error TS\d+/.test(line) && !UPSTREAM_ERRORS.test(line));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  await mkdir(app, { recursive: true });
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...PACKAGES.map((name) => tarballs[name]),
      'typescript@5.9.3',
      '@types/node@20.19.43',
      '@types/react@19.3.3',
      '@types/react-dom@19.3.0',
      'react@19.3.1',
      'react-dom@19.3.1',
      'vite@8.4.0',
      '@vitejs/plugin-react@6.3.0',
      '@vitejs/plugin-vue@6.0.11',
      'vue@3.5.45',
      'vue-tsc@3.3.14',
    ],
    { cwd: app },
  );
}, 600_000);

describe('the packed packages installed with npm', () => {
  it('import in Node from every entry point, as ESM and through require()', async () => {
    const entries = await Promise.all(PACKAGES.map(entryPoints));
    const specifiers = [
      ...entries.flatMap((entry) => entry.code),
      '@hidden-key/elements/lead-form/lead-form.define.js',
      '@hidden-key/elements/pipeline-board/pipeline-board.define.js',
    ];
    const json = JSON.stringify(entries.flatMap((entry) => entry.json));
    const manifests = await node([
      '--input-type=module',
      '-e',
      `for (const s of ${json}) console.log((await import(s, { with: { type: 'json' } })).default.modules ? 'manifest' : 'web-types');`,
    ]);
    expect(manifests.stdout.trim().split('\n')).toEqual(['manifest', 'web-types']);
    expect(specifiers).toContain('@hidden-key/sdk/analysis');
    const list = JSON.stringify(specifiers);
    const esm = await node([
      '--input-type=module',
      '-e',
      `for (const s of ${list}) console.log(s, Object.keys(await import(s)).length);`,
    ]);
    expect(esm.stdout.trim().split('\n')).toHaveLength(specifiers.length);
    // Node 20.19+ loads ESM through require(); the default condition makes the exports reachable.
    const cjs = await node([
      '--input-type=commonjs',
      '-e',
      `for (const s of ${list}) console.log(s, Object.keys(require(s)).length);`,
    ]);
    expect(cjs.stdout.trim().split('\n')).toHaveLength(specifiers.length);
  });

  it('imports the scoring package without onnxruntime-web (an optional peer)', async () => {
    const { stdout } = await node([
      '--input-type=module',
      '-e',
      `
      const { createTreeScorer } = await import('@hidden-key/scoring');
      console.log(typeof createTreeScorer);
      try { await import('onnxruntime-web'); console.log('present'); } catch { console.log('absent'); }`,
    ]);
    expect(stdout.trim().split('\n')).toEqual(['function', 'absent']);
  });

  it.each(Object.entries(bins))('runs the %s bin (%s) with --help and --version', async (name, bin) => {
    const manifest = await readPackedManifest(tarballs[name as PackageFolder]);
    const binPath = join(app, 'node_modules', '.bin', bin);
    const version = await run(binPath, ['--version'], { cwd: app });
    expect(version.stdout.trim()).toBe(manifest.version);
    const help = await run(binPath, ['--help'], { cwd: app });
    expect(help.stdout).toMatch(/Usage/i);
  });

  it('serves the API with hk-server serve and answers an SDK call', async () => {
    const dataDir = join(dir, 'hk-data');
    const hkServer = join(app, 'node_modules', '.bin', 'hk-server');
    const org = await run(hkServer, ['org', 'create', '--name', 'Smoke test', '--data-dir', dataDir], {
      cwd: app,
    });
    const { secret_key: apiKey } = JSON.parse(org.stdout) as { secret_key: string };
    const port = await freePort();
    const server: ChildProcess = spawn(
      hkServer,
      ['serve', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir, '--no-worker'],
      { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    server.stdout?.on('data', (chunk) => (output += chunk));
    server.stderr?.on('data', (chunk) => (output += chunk));
    try {
      const baseUrl = `http://127.0.0.1:${port}`;
      await expect
        .poll(
          () =>
            fetch(`${baseUrl}/healthz`).then(
              (r) => r.status,
              () => 0,
            ),
          { timeout: 90_000, interval: 500 },
        )
        .toBe(200);
      const { stdout } = await node([
        '--input-type=module',
        '-e',
        `
        import { HiddenKey } from '@hidden-key/sdk';
        const hk = new HiddenKey({ apiKey: ${JSON.stringify(apiKey)}, baseUrl: ${JSON.stringify(baseUrl)} });
        const leads = await hk.leads.list().toArray({ limit: 5 });
        console.log(JSON.stringify({ leads: leads.length }));`,
      ]);
      expect(JSON.parse(stdout), output).toEqual({ leads: 0 });

      // The examples/sdk-scripts, as a user copies them next to the installed SDK.
      const scripts = join(app, 'sdk-scripts');
      await cp(join(repoRoot, 'examples', 'sdk-scripts'), scripts, {
        recursive: true,
        filter: (source) => !/[\\/](node_modules|package\.json)$/.test(source),
      });
      const env = { HIDDEN_KEY_API_KEY: apiKey, HIDDEN_KEY_BASE_URL: baseUrl };
      const script = (args: string[]) =>
        run(process.execPath, args, { cwd: scripts, env: { ...process.env, ...env } }).then((r) => r.stdout);
      expect(JSON.parse(await script(['bulk-import.mjs', 'sellers.csv']))).toEqual({
        created: 3,
        merged: 0,
        failed: [],
      });
      await script(['bulk-import.mjs', 'sellers.csv']); // idempotent: a re-run adds nothing
      const mirrored = await script(['realtime-mirror.mjs', 'mirror.json', '--seconds', '2']);
      expect(JSON.parse(mirrored.trim().split('\n').at(-1)!)).toMatchObject({ leads: 3 });
      const mirror = JSON.parse(await readFile(join(scripts, 'mirror.json'), 'utf8')) as {
        contact: { email: string };
      }[];
      expect(mirror.map((lead) => lead.contact.email).sort()).toEqual([
        'ada@example.com',
        'alan@example.com',
        'grace@example.com',
      ]);
      expect(await script(['pipeline-report.mjs'])).toMatch(/^stage\s+deals\s+total\s+weighted\n\w+/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  });

  const consumer = (file: string) => readFile(join(repoRoot, 'tests/packages/consumer', file), 'utf8');
  const tsc = () => join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  /** Writes a project and type-checks it; resolves to the compiler's output (empty when clean). */
  async function typecheck(folder: string, files: Record<string, string>, compiler = tsc()) {
    const project = isAbsolute(folder) ? folder : join(app, folder);
    await mkdir(project, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(project, name), text);
    const result = await node([compiler, '-p', project]).catch((error: { stdout: string }) => error);
    return result.stdout;
  }
  const strictOptions = {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  };

  it('type-checks a strict TypeScript consumer under moduleResolution bundler and nodenext, skipLibCheck off', async () => {
    const source = await consumer('strict.ts');
    const project = (module: string) =>
      JSON.stringify({
        compilerOptions: {
          ...strictOptions,
          types: ['node'],
          module: module === 'Bundler' ? 'ESNext' : module,
          moduleResolution: module,
        },
        include: ['index.ts'],
      });
    // Both at once: each is a whole-program check of every shipped .d.ts and its dependencies'.
    const [bundler, nodenext] = await Promise.all([
      typecheck('ts-bundler', { 'index.ts': source, 'tsconfig.json': project('Bundler') }),
      typecheck('ts-nodenext', { 'index.ts': source, 'tsconfig.json': project('NodeNext') }),
    ]);
    expect({ bundler: ownErrors(bundler), nodenext: ownErrors(nodenext) }).toEqual({
      bundler: [],
      nodenext: [],
    });
  }, 600_000);

  /** The example copied into the user's project, as someone starting from it would. */
  async function copyExample(name: 'react' | 'vue') {
    const project = join(app, `${name}-example`);
    await cp(join(repoRoot, 'examples', name), project, {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|dist)$/.test(source),
    });
    return project;
  }
  const vite = (project: string, args: string[]) =>
    run(process.execPath, [join(app, 'node_modules', 'vite', 'bin', 'vite.js'), ...args], { cwd: project });

  it('types the elements in a React 19 page (tsc) and a Vue 3 page (vue-tsc --strictTemplates)', async () => {
    const options = { ...strictOptions, types: [], module: 'ESNext', moduleResolution: 'Bundler' };
    const [reactProject, vueProject] = await Promise.all([copyExample('react'), copyExample('vue')]);
    const [react, vue] = await Promise.all([
      typecheck(reactProject, {
        // And a tag the package does not define is refused.
        'src/refused.tsx': `import type {} from '@hidden-key/elements/react';
export const refused = (
  // @ts-expect-error: not a Hidden Key element
  <hk-not-an-element></hk-not-an-element>
);
`,
        'tsconfig.json': JSON.stringify({
          compilerOptions: { ...options, jsx: 'react-jsx' },
          include: ['src'],
        }),
      }),
      typecheck(
        vueProject,
        {
          'tsconfig.json': JSON.stringify({
            compilerOptions: { ...options, jsx: 'preserve' },
            vueCompilerOptions: { strictTemplates: true },
            include: ['src/**/*.ts', 'src/**/*.vue'],
          }),
        },
        join(app, 'node_modules', 'vue-tsc', 'bin', 'vue-tsc.js'),
      ),
    ]);
    expect({ react: ownErrors(react), vue: ownErrors(vue) }).toEqual({ react: [], vue: [] });
  }, 600_000);

  it('builds the React and Vue examples with Vite, and their elements render in Chromium', async () => {
    const projects = { react: await copyExample('react'), vue: await copyExample('vue') };
    for (const project of Object.values(projects)) await vite(project, ['build', '--logLevel', 'warn']);
    const browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const previews: ChildProcess[] = [];
    try {
      const rendered: Record<string, string[]> = {};
      for (const [name, project] of Object.entries(projects)) {
        const port = await freePort();
        const preview = spawn(
          process.execPath,
          [
            join(app, 'node_modules', 'vite', 'bin', 'vite.js'),
            'preview',
            '--port',
            String(port),
            '--strictPort',
          ],
          { cwd: project, stdio: 'ignore' },
        );
        previews.push(preview);
        const url = `http://localhost:${port}/`;
        await expect
          .poll(
            () =>
              fetch(url).then(
                (r) => r.status,
                () => 0,
              ),
            { timeout: 30_000 },
          )
          .toBe(200);
        const page = await browser.newPage();
        // The examples point at a server that is not running here; nothing may leave loopback.
        await page.route(/^https?:\/\/(?!localhost)/, (route) => route.abort());
        await page.goto(url);
        await page.waitForFunction(() => document.querySelector('main h1') !== null);
        rendered[name] = await page.evaluate(() =>
          [...document.querySelectorAll('main *')]
            .filter((element) => element.localName.startsWith('hk-'))
            .map(
              (element) =>
                `${element.localName}:${customElements.get(element.localName) && element.shadowRoot ? 'rendered' : 'inert'}`,
            ),
        );
      }
      expect(rendered).toEqual({
        react: ['hk-lead-form:rendered', 'hk-deal-calculator:rendered'],
        vue: ['hk-lead-form:rendered', 'hk-pipeline-board:rendered'],
      });
    } finally {
      await browser.close();
      for (const preview of previews) preview.kill();
    }
  }, 600_000);
});
